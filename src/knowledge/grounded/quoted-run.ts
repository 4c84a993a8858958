/**
 * What a sentence answer quotes: where to start (the opening of the block or section a question is
 * about), how far to run (whole adjacent sentences of one block) and how code is shown.
 */
import { cellsOf, type PassageUnit, passageUnits } from './passage-units.js';
import type { AnalysedQuestion } from './question-analysis.js';
import type { ScoredSentence } from './sentence-scoring.js';
import { instructs } from './sentence-shape.js';
import { contentStems } from './terms.js';

/**
 * The sentence to answer from: the best one, except that a question asking only about the subject of a
 * block or section ("What is X?" over "## X") is answered from where that block or section opens, in
 * the same passage; a question asking how to do something is answered from its instruction.
 */
export function openingOf(
  sentences: readonly ScoredSentence[],
  question: AnalysedQuestion,
): ScoredSentence | undefined {
  const best = sentences[0];
  if (best === undefined) return undefined;
  if (question.instructs !== undefined) return instructionFor(sentences, best, question.instructs);
  const about = question.type === 'description' || question.type === 'entity';
  if (!best.subject || !about) return best;
  return sectionOpening(sentences, best) ?? best;
}

/** The sentence opening the section (or block) of `within`, when it is about the question's subject. */
function sectionOpening(
  sentences: readonly ScoredSentence[],
  within: ScoredSentence,
): ScoredSentence | undefined {
  return sentences.find(
    (sentence) =>
      sentence.subject &&
      sentence.sentence.opens &&
      sentence.passageIndex === within.passageIndex &&
      sentence.sentence.heading === within.sentence.heading,
  );
}

/** How near the best score a sentence of a section headed by the question's verb must rank. */
const sectionTie = 0.85;

/**
 * "How do I start …?" wants the instruction itself ("To start …"), wherever it sits in its section.
 * When no such sentence leads, a section headed by the verb and the question's subject ("## Install
 * and start" for "How do I install Strata?") is the instruction, often a sentence and its example, and
 * its best sentence answers rather than one elsewhere using the verb in passing ("… when they are
 * installed").
 */
function instructionFor(
  sentences: readonly ScoredSentence[],
  best: ScoredSentence,
  verb: string,
): ScoredSentence {
  if (instructs(best.terms, verb)) return best;
  const section = sentences.find(
    (sentence) =>
      sentence.score >= sectionTie * best.score &&
      sentence.subject &&
      contentStems(sentence.sentence.heading).has(verb),
  );
  const inIt =
    section !== undefined &&
    section.passageIndex === best.passageIndex &&
    section.sentence.heading === best.sentence.heading;
  return section === undefined || inIt ? best : section;
}

/** Code as a whole fenced block: a stanza gets fences, a block the chunk cut off gets its closing one. */
export function fenced(code: string): string {
  const opens = /^(```|~~~)/.exec(code)?.[1];
  if (opens === undefined) return `\`\`\`\n${code}\n\`\`\``;
  return /\n\s*(```|~~~)\s*$/.test(code) ? code : `${code}\n${opens}`;
}

/** Most characters a run of adjacent sentences grows to. */
const maxRunChars = 600;

/**
 * The sentences an answer quotes: whole and adjacent, from the best sentence's block. A block about the
 * question's subject (its lead term or heading named by the question) is quoted from its start, up to
 * three sentences; otherwise the best sentence, with a neighbour that scores nearly as well.
 */
export function adjacentRun(
  best: ScoredSentence,
  sentences: readonly ScoredSentence[],
  maxSentences: number,
): ScoredSentence[] {
  if (best.sentence.kind !== 'prose') return [best];
  const block = sentences
    .filter(
      (sentence) =>
        sentence.passageIndex === best.passageIndex &&
        sentence.sentence.block === best.sentence.block &&
        sentence.sentence.kind === 'prose',
    )
    .sort((a, b) => a.sentence.start - b.sentence.start);
  const at = block.indexOf(best);
  if (best.topic > 0 && (best.sentence.lead !== '' || best.sentence.opens)) {
    const run: ScoredSentence[] = [];
    for (const sentence of block) {
      const length = sentence.sentence.end - (run[0] ?? sentence).sentence.start;
      const needed = block.indexOf(sentence) <= at;
      if (!needed && (run.length >= 3 || length > maxRunChars)) break;
      run.push(sentence);
    }
    return run.slice(Math.max(0, run.length - 3));
  }
  const neighbours = [block[at - 1], block[at + 1]].filter(
    (sentence): sentence is ScoredSentence =>
      sentence !== undefined && sentence.score >= 0.85 * best.score && sentence.matched.size > 0,
  );
  const extra = neighbours.sort((a, b) => b.score - a.score)[0];
  if (extra === undefined || maxSentences < 2) return [best];
  return [best, extra].sort((a, b) => a.sentence.start - b.sentence.start);
}

/** Most lines of a code example quoted after the sentence that introduces it. */
const maxExampleLines = 16;

/**
 * The code block a sentence introduces ("… add it under `budgets:` in `strata.yaml`:" and the YAML
 * after it): whole and short, right after the sentence, or undefined.
 */
export function exampleAfter(text: string, unit: PassageUnit): PassageUnit | undefined {
  if (unit.kind !== 'prose' || !/:\s*$/.test(unit.text)) return undefined;
  const example = passageUnits(text, { code: true }).find(
    (candidate) => candidate.kind === 'code' && candidate.start >= unit.end,
  );
  if (example === undefined || text.slice(unit.end, example.start).trim() !== '') return undefined;
  const lines = example.text.split('\n');
  const whole = /^(```|~~~)/.test(example.text) && /^\s*(```|~~~)\s*$/.test(lines.at(-1) ?? '');
  return whole && lines.length <= maxExampleLines + 2 ? example : undefined;
}

/**
 * A table row read as one line: its first cell, then the others named by their columns
 * ("`cache.enabled` — type: boolean; default: `false`; …"); empty cells are left out.
 */
export function rowSentence(row: string, columns: readonly string[] = []): string {
  const [first = '', ...rest] = cellsOf(row);
  const named = rest.flatMap((cell, index) => {
    if (cell === '') return [];
    const column = columns[index + 1] ?? '';
    return [column === '' || index === rest.length - 1 ? cell : `${column}: ${cell}`];
  });
  return named.length === 0 ? first : `${first} — ${named.join('; ')}`;
}
