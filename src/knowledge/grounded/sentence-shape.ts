/**
 * The shapes of an answer sentence a question's own shape asks for: a definition for "What is X?", an
 * instruction for "How do I …?", the kind of thing a typed question wants, a negation for a negated
 * question — and a sentence that only quotes the question.
 */
import type { AnalysedQuestion } from './question-analysis.js';
import { contentStems, type Term } from './terms.js';
import { holdsLiteral, holdsType, isTyped } from './type-evidence.js';

/**
 * Whether a sentence defines the stems ("Strata is …", "A learned router is …"). A subject written as
 * code (`` `strata` is … ``) defines that identifier, so it defines the question's subject only when
 * the question writes it the same way.
 */
export function defines(
  text: string,
  terms: readonly Term[],
  stems: readonly string[],
  words: readonly string[],
  offset: number,
  strict: boolean,
): boolean {
  const content = terms.filter((term, index) => index > 0 || !/^(a|an|the)$/i.test(term.raw));
  const opening = content.slice(0, stems.length + 1);
  const named = stems.every((stem, index) =>
    opening.some(
      (term) => term.stem === stem && (text[term.start - offset - 1] !== '`' || term.raw === words[index]),
    ),
  );
  const at = [stems.length, stems.length + 1].find((index) => /^(is|are)$/i.test(content[index]?.raw ?? ''));
  if (!named || at === undefined) return false;
  // "Routes are cached like models" and "A cascade is written as …" say something of X without saying
  // what X is: in docs (`strict`), a passive or negated predicate is no definition.
  const next = content[at + 1]?.raw.toLowerCase() ?? '';
  return !strict || (!/(ed|en)$/.test(next) && next !== 'not');
}

/** Whether a sentence opens with the stems as its subject (`` `viewer` reads …``, "The ledger keeps …"). */
export function opensWith(terms: readonly Term[], stems: readonly string[]): boolean {
  const content = terms.filter((term) => !term.stop);
  return stems.every((stem, index) => content[index]?.stem === stem);
}

/** Whether a sentence is an instruction for the verb: it opens "To <verb> …". */
export function instructs(terms: readonly Term[], verb: string): boolean {
  return terms[0]?.raw.toLowerCase() === 'to' && terms[1]?.stem === verb;
}

/** Whether a unit holds what a typed question or a question for a literal asks for. */
export function holdsAnswer(text: string, question: AnalysedQuestion): boolean {
  if (question.literal !== undefined) return holdsLiteral(text, question.literal);
  return isTyped(question.type) && holdsType(text, question.type);
}

const negationWords = new Set([
  'no',
  'not',
  'never',
  'none',
  'without',
  'cannot',
  'nothing',
  'neither',
  'nor',
]);

/** Whether words hold a negation. */
export function negates(terms: readonly Term[]): boolean {
  return terms.some((term) => negationWords.has(term.raw.toLowerCase()) || /n['’]t$/i.test(term.raw));
}

/**
 * Whether a sentence quotes a question on the subject ("scored 38% on \"What is Strata?\""): it talks
 * about the question and does not answer it, so its own words count for nothing.
 */
export function quotesQuestion(text: string, subject: readonly string[]): boolean {
  for (const match of text.matchAll(/["“]([^"”]{3,120})\?["”]/g)) {
    const quoted = contentStems(match[1] ?? '');
    if (subject.length > 0 && subject.every((stem) => quoted.has(stem))) return true;
  }
  return false;
}
