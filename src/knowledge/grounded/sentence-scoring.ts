/**
 * Scores every sentence of the retrieved passages against a question: IDF-weighted coverage of the
 * question's content stems, the same from the sentence's context (title, previous sentence), how close
 * together the matched words sit, and the passage's retrieval rank.
 */
import type { AnalysedQuestion } from './question-analysis.js';
import { type SentenceSpan, segmentSentences } from './segment-sentences.js';
import { type Term, termsOf } from './terms.js';

/** A passage the answerer may cite: a retrieved chunk. */
export interface Passage {
  id: string;
  text: string;
  title?: string;
}

/** One sentence of a passage with its score for the question. */
export interface ScoredSentence {
  passageIndex: number;
  sentence: SentenceSpan;
  /** The sentence's words, with passage offsets. */
  terms: Term[];
  /** Question stems found in the sentence. */
  matched: Set<string>;
  /** IDF-weighted share of the question found in the sentence, 0..1. */
  coverage: number;
  /** IDF-weighted share found in the sentence or its context (title, previous sentence), 0..1. */
  contextCoverage: number;
  score: number;
}

/** The scored sentences, best first, and each passage's own coverage of the question. */
export interface SentenceRanking {
  sentences: ScoredSentence[];
  passageCoverage: number[];
  /** The weight of each question stem. */
  weights: Map<string, number>;
}

/** Length of the shortest run of words that holds every matched stem at least once, in words. */
function matchWindow(terms: readonly Term[], matched: ReadonlySet<string>): number {
  if (matched.size <= 1) return matched.size;
  const counts = new Map<string, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < terms.length; right++) {
    const stem = (terms[right] as Term).stem;
    if (!matched.has(stem)) continue;
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
    while (counts.size === matched.size) {
      best = Math.min(best, right - left + 1);
      const leftStem = (terms[left] as Term).stem;
      const count = counts.get(leftStem);
      if (count !== undefined) {
        if (count === 1) counts.delete(leftStem);
        else counts.set(leftStem, count - 1);
      }
      left++;
    }
  }
  return best;
}

/** Sentence-level inverse document frequency over the given sentences, for when no corpus IDF is known. */
function localIdf(sentenceStems: ReadonlyArray<ReadonlySet<string>>): (stem: string) => number {
  const total = sentenceStems.length;
  return (stem) => {
    let frequency = 0;
    for (const stems of sentenceStems) if (stems.has(stem)) frequency++;
    return Math.log(1 + (total + 1) / (frequency + 0.5));
  };
}

/** Ranks the sentences of `passages` (in retrieval order) for the question. */
export function rankSentences(
  question: AnalysedQuestion,
  passages: readonly Passage[],
  idf?: (stem: string) => number,
): SentenceRanking {
  const perPassage = passages.map((passage) =>
    segmentSentences(passage.text).map((sentence) => {
      const terms = termsOf(passage.text.slice(sentence.start, sentence.end)).map((term) => ({
        ...term,
        start: term.start + sentence.start,
        end: term.end + sentence.start,
      }));
      return { sentence, terms, stems: new Set(terms.filter((term) => !term.stop).map((term) => term.stem)) };
    }),
  );
  const weightOf = idf ?? localIdf(perPassage.flat().map((entry) => entry.stems));
  const weights = new Map(question.stems.map((stem) => [stem, weightOf(stem)]));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const share = (stems: Iterable<string>) => {
    let sum = 0;
    for (const stem of stems) sum += weights.get(stem) ?? 0;
    return sum / total;
  };
  const sentences: ScoredSentence[] = [];
  const passageCoverage: number[] = [];
  perPassage.forEach((entries, passageIndex) => {
    const passage = passages[passageIndex] as Passage;
    const titleStems = new Set(termsOf(passage.title ?? '').map((term) => term.stem));
    const passageStems = new Set([...titleStems, ...entries.flatMap((entry) => [...entry.stems])]);
    passageCoverage.push(share(question.stems.filter((stem) => passageStems.has(stem))));
    const rankPrior = 1 / (1 + passageIndex);
    entries.forEach((entry, index) => {
      const matched = new Set(question.stems.filter((stem) => entry.stems.has(stem)));
      const previous = entries[index - 1]?.stems;
      const context = question.stems.filter(
        (stem) => !matched.has(stem) && (titleStems.has(stem) || previous?.has(stem) === true),
      );
      const coverage = share(matched);
      const contextCoverage = coverage + share(context);
      const window = matchWindow(entry.terms, matched);
      const proximity = matched.size > 1 ? matched.size / window : matched.size;
      const score =
        coverage +
        0.4 * (contextCoverage - coverage) +
        0.1 * proximity +
        0.05 * rankPrior +
        0.2 * (passageCoverage.at(-1) ?? 0);
      sentences.push({
        passageIndex,
        sentence: entry.sentence,
        terms: entry.terms,
        matched,
        coverage,
        contextCoverage,
        score,
      });
    });
  });
  sentences.sort(
    (a, b) => b.score - a.score || a.passageIndex - b.passageIndex || a.sentence.start - b.sentence.start,
  );
  return { sentences, passageCoverage, weights };
}
