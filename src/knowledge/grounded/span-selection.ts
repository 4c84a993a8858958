/**
 * Narrows the best sentences to one short answer: each candidate span is scored by its sentence's score,
 * how near it sits to the matched question words, whether it repeats the question, and its length; the
 * same span found in several sentences pools its votes, which is how multi-passage questions converge.
 */
import type { AnalysedQuestion } from './question-analysis.js';
import type { ScoredSentence } from './sentence-scoring.js';
import { type Candidate, candidateSpans } from './span-candidates.js';
import type { Term } from './terms.js';

/** Where a chosen span occurs: a passage and a character range in it. */
export interface SpanOccurrence {
  passageIndex: number;
  start: number;
  end: number;
}

/** The chosen short answer and every place it was found, best first. */
export interface ChosenSpan {
  occurrences: SpanOccurrence[];
  /** The sentences the cited occurrences sit in. */
  sentences: ScoredSentence[];
  score: number;
}

/** Most places one answer is cited from. */
const maxOccurrences = 3;

function distance(candidate: Candidate, position: number): number {
  if (position < candidate.firstTerm) return candidate.firstTerm - position;
  if (position > candidate.lastTerm) return position - candidate.lastTerm;
  return 0;
}

/** 0..1: weighted closeness of the candidate to the question words matched in its sentence. */
function closeness(
  candidate: Candidate,
  sentence: ScoredSentence,
  weights: ReadonlyMap<string, number>,
): number {
  let sum = 0;
  let total = 0;
  for (const stem of sentence.matched) {
    const weight = weights.get(stem) ?? 0;
    let nearest = Number.POSITIVE_INFINITY;
    sentence.terms.forEach((term, position) => {
      if (term.stem === stem) nearest = Math.min(nearest, distance(candidate, position));
    });
    sum += weight / (1 + 0.25 * nearest);
    total += weight;
  }
  return total === 0 ? 0 : sum / total;
}

function candidateScore(
  candidate: Candidate,
  sentence: ScoredSentence,
  question: AnalysedQuestion,
  weights: ReadonlyMap<string, number>,
): number {
  const words = sentence.terms.slice(candidate.firstTerm, candidate.lastTerm + 1) as Term[];
  const content = words.filter((word) => !word.stop);
  const repeated = content.filter((word) => question.stems.includes(word.stem)).length;
  if (content.length > 0 && repeated === content.length) return 0;
  const novelty = content.length === 0 ? 0.5 : 1 - repeated / content.length;
  const length = 1 / (1 + 0.15 * Math.max(0, words.length - 3));
  const kindFit =
    candidate.kind === 'initial' ? 0.55 : candidate.kind === 'phrase' && question.type !== 'entity' ? 0.7 : 1;
  // A bare year is rarely the answer to "how many".
  const yearForCount =
    candidate.kind === 'number' && words.length === 1 && /^(1\d{3}|20\d{2})$/.test(words[0]?.raw ?? '');
  return (
    sentence.score *
    (0.4 + closeness(candidate, sentence, weights)) *
    novelty *
    length *
    kindFit *
    (yearForCount ? 0.3 : 1)
  );
}

type Occurrence = SpanOccurrence & { score: number; sentence: ScoredSentence };

/**
 * Each passage votes once with its best occurrence, so evidence from several passages adds up while
 * repeating a span inside one passage barely counts.
 */
function pooledScore(occurrences: readonly Occurrence[]): number {
  const perPassage = new Map<number, number>();
  let total = 0;
  for (const occurrence of occurrences) {
    total += occurrence.score;
    perPassage.set(
      occurrence.passageIndex,
      Math.max(perPassage.get(occurrence.passageIndex) ?? 0, occurrence.score),
    );
  }
  const distinct = [...perPassage.values()].reduce((sum, score) => sum + score, 0);
  return distinct + 0.25 * (total - distinct);
}

/** Picks the best short span across the top sentences, or undefined when none fits the question. */
export function pickSpan(
  question: AnalysedQuestion,
  sentences: readonly ScoredSentence[],
  weights: ReadonlyMap<string, number>,
): ChosenSpan | undefined {
  const pooled = new Map<string, Occurrence[]>();
  const stems = new Set(question.stems);
  for (const sentence of sentences) {
    const offset = sentence.sentence.start;
    const candidates = candidateSpans(sentence.sentence.text, offset, sentence.terms, stems, question.type);
    for (const candidate of candidates) {
      const score = candidateScore(candidate, sentence, question, weights);
      if (score <= 0) continue;
      const key = sentence.sentence.text
        .slice(candidate.start - offset, candidate.end - offset)
        .toLowerCase()
        .replace(/\s+/g, ' ');
      const occurrences = pooled.get(key) ?? [];
      occurrences.push({
        passageIndex: sentence.passageIndex,
        start: candidate.start,
        end: candidate.end,
        score,
        sentence,
      });
      pooled.set(key, occurrences);
    }
  }
  let chosen: { score: number; occurrences: Occurrence[] } | undefined;
  for (const occurrences of pooled.values()) {
    const score = pooledScore(occurrences);
    if (chosen === undefined || score > chosen.score) chosen = { score, occurrences };
  }
  if (chosen === undefined) return undefined;
  const seen = new Set<number>();
  const kept = chosen.occurrences
    .sort((a, b) => b.score - a.score)
    .filter((occurrence) => !seen.has(occurrence.passageIndex) && seen.add(occurrence.passageIndex))
    .slice(0, maxOccurrences);
  return {
    occurrences: kept.map(({ passageIndex, start, end }) => ({ passageIndex, start, end })),
    sentences: kept.map((occurrence) => occurrence.sentence),
    score: chosen.score,
  };
}
