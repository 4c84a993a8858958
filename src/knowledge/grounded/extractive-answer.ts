/**
 * The extractive answerer: picks the sentences of the retrieved passages that best support a question,
 * narrows them to a short span when the question asks for a name, date or number, and cites every span
 * by chunk id and character range — or abstains when the passages do not support an answer.
 */
import { analyseQuestion } from './question-analysis.js';
import {
  type Passage,
  rankSentences,
  type ScoredSentence,
  type SentenceRanking,
} from './sentence-scoring.js';
import { pickSpan } from './span-selection.js';

export type { Passage } from './sentence-scoring.js';

/** One cited span: `text` is exactly `passage.text.slice(start, end)` of the chunk `chunkId`. */
export interface Citation {
  /** The `[n]` marker in the answer that points here, from 1. */
  index: number;
  chunkId: string;
  start: number;
  end: number;
  text: string;
}

/** An answer with its citations, or an abstention. */
export interface GroundedAnswer {
  /** The answer text, each claim followed by its `[n]` markers; the abstention text when abstained. */
  answer: string;
  citations: Citation[];
  abstained: boolean;
  /** How well the passages support the answer, 0..1; the answerer abstains below its threshold. */
  support: number;
}

/** Tuning of the answerer. */
export interface ExtractiveOptions {
  /** Support below which the answer is an abstention. */
  threshold?: number;
  /** Most sentences quoted when no short span fits the question. */
  maxSentences?: number;
  /** Inverse document frequency of a stem in the corpus; by default it is computed over the passages. */
  idf?: (stem: string) => number;
}

/** What an abstaining answer says. */
export const abstentionText = 'Insufficient information.';

/**
 * The support threshold: on the calibration half of the SQuAD 2.0 sample with retrieved passages, the
 * lowest cut whose separation of unanswerable from answerable questions (Youden's J) is within one
 * standard error of the best; the other half is reported apart (bench/grounded/README.md). Corpora of
 * a different shape calibrate their own (`threshold`).
 */
export const defaultThreshold = 0.5;

const defaults = { threshold: defaultThreshold, maxSentences: 2 } satisfies ExtractiveOptions;

function cite(
  passages: readonly Passage[],
  passageIndex: number,
  start: number,
  end: number,
  index: number,
): Citation {
  const passage = passages[passageIndex] as Passage;
  return { index, chunkId: passage.id, start, end, text: passage.text.slice(start, end) };
}

function abstain(support: number): GroundedAnswer {
  return { answer: abstentionText, citations: [], abstained: true, support };
}

/**
 * How strongly the evidence supports an answer, 0..1: the IDF-weighted share of the question covered by
 * the sentences the answer comes from (all of them together, so multi-passage evidence adds up), blended
 * with the best passage's own coverage; discounted when a typed question found no span of its type.
 */
function supportOf(evidence: readonly ScoredSentence[], ranking: SentenceRanking, typed: boolean): number {
  const matched = new Set(evidence.flatMap((sentence) => [...sentence.matched]));
  let covered = 0;
  let total = 0;
  for (const [stem, weight] of ranking.weights) {
    total += weight;
    if (matched.has(stem)) covered += weight;
  }
  const passage = Math.max(
    ...evidence.map((sentence) => ranking.passageCoverage[sentence.passageIndex] ?? 0),
  );
  const base = 0.7 * (total === 0 ? 0 : covered / total) + 0.3 * passage;
  return typed ? base : base * 0.85;
}

/** Answers `question` from `passages` (best first), citing exact spans, or abstains. */
export function answerFromPassages(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): GroundedAnswer {
  const settings = { ...defaults, ...options };
  const analysed = analyseQuestion(question);
  if (analysed.stems.length === 0 || passages.length === 0) return abstain(0);
  const ranking = rankSentences(analysed, passages, settings.idf);
  const best = ranking.sentences[0];
  if (best === undefined || best.matched.size === 0) return abstain(0);
  const top = ranking.sentences.filter((sentence) => sentence.score >= 0.6 * best.score).slice(0, 6);
  const span = analysed.type === 'description' ? undefined : pickSpan(analysed, top, ranking.weights);
  const typedTypes = ['number', 'date', 'person', 'location'];
  const typed = span !== undefined || !typedTypes.includes(analysed.type);
  if (span !== undefined) {
    const support = supportOf(span.sentences, ranking, typed);
    if (support < settings.threshold) return abstain(support);
    const citations = span.occurrences.map((occurrence, index) =>
      cite(passages, occurrence.passageIndex, occurrence.start, occurrence.end, index + 1),
    );
    const first = citations[0] as Citation;
    const markers = citations.map((citation) => `[${citation.index}]`).join('');
    return { answer: `${first.text} ${markers}`, citations, abstained: false, support };
  }
  const support = supportOf([best], ranking, typed);
  if (support < settings.threshold) return abstain(support);
  const chosen = [best, ...top.slice(1).filter((sentence) => sentence.score >= 0.85 * best.score)].slice(
    0,
    settings.maxSentences,
  );
  const citations = chosen.map((sentence, index) =>
    cite(passages, sentence.passageIndex, sentence.sentence.start, sentence.sentence.end, index + 1),
  );
  const answer = citations.map((citation) => `${citation.text} [${citation.index}]`).join(' ');
  return { answer, citations, abstained: false, support };
}
