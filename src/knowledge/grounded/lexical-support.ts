/**
 * Entailment-lite: how well source passages support one claim, from stemmed content-word coverage by
 * the best single source sentence and by the sources as a whole, with numbers that must appear in the
 * sources and negations that must agree.
 */
import { segmentSentences } from './segment-sentences.js';
import { termsOf } from './terms.js';

/** A lexical verdict on one claim. */
export interface LexicalSupport {
  /** 0..1. */
  score: number;
  reason: string;
  /** Content words in the claim, which weighs it in the answer's overall score. */
  weight: number;
}

const negations = new Set(['not', 'no', 'never', 'none', 'neither', 'nor', 'without', 'cannot']);

function hasNegation(text: string): boolean {
  return /n['’]t\b/i.test(text) || termsOf(text).some((term) => negations.has(term.raw.toLowerCase()));
}

function quoteList(words: readonly string[]): string {
  const shown = words.slice(0, 5).map((word) => `"${word}"`);
  return words.length > 5 ? `${shown.join(', ')} and ${words.length - 5} more` : shown.join(', ');
}

/** Scores how well `sources` support the claim `text`. */
export function scoreSentenceLexically(
  text: string,
  sources: ReadonlyArray<{ text: string }>,
): LexicalSupport {
  const claim = termsOf(text).filter((term) => !term.stop);
  const stems = new Set(claim.map((term) => term.stem));
  if (stems.size === 0) return { score: 1, reason: 'No content words to check.', weight: 0 };
  const sourceTerms = sources.flatMap((source) => termsOf(source.text));
  const sourceStems = new Set(sourceTerms.map((term) => term.stem));
  let best = { coverage: 0, text: '' };
  for (const source of sources) {
    for (const sentence of segmentSentences(source.text)) {
      const sentenceStems = new Set(termsOf(sentence.text).map((term) => term.stem));
      let covered = 0;
      for (const stem of stems) if (sentenceStems.has(stem)) covered++;
      if (covered / stems.size > best.coverage)
        best = { coverage: covered / stems.size, text: sentence.text };
    }
  }
  const missing = [...new Set(claim.filter((term) => !sourceStems.has(term.stem)).map((term) => term.raw))];
  const overall = 1 - missing.length / stems.size;
  let score = 0.7 * best.coverage + 0.3 * Math.max(0, overall);
  const reasons: string[] = [];
  const numbers = claim
    .filter((term) => /\d/.test(term.raw) && !sourceStems.has(term.stem))
    .map((term) => term.raw);
  if (numbers.length > 0) {
    score = Math.min(score, 0.3);
    reasons.push(`The number(s) ${quoteList(numbers)} do not appear in the cited text.`);
  }
  if (best.text !== '' && hasNegation(text) !== hasNegation(best.text)) {
    score *= 0.5;
    reasons.push('The claim and its closest source sentence disagree in negation.');
  }
  if (missing.length > 0) reasons.push(`Not in the cited text: ${quoteList(missing)}.`);
  reasons.unshift(
    `${Math.round(best.coverage * 100)}% of its content words appear in one cited sentence, ${Math.round(overall * 100)}% in the cited text.`,
  );
  return { score, reason: reasons.join(' '), weight: stems.size };
}
