/**
 * The groundedness check: scores each sentence of an answer against the chunks it cites. Locally it is
 * lexical (stemmed content-word coverage by the best cited sentence, with numbers and negations that
 * must agree); with a judge it asks a model. Its shape is plain data in and out, so the routing layer's
 * `grounded` verifier can take it by injection without importing the knowledge layer.
 */
import { type GroundednessJudge, type GroundingPassage, judgeSentences } from './groundedness-judge.js';
import { scoreSentenceLexically } from './lexical-support.js';
import { segmentSentences } from './segment-sentences.js';

export type { GroundednessJudge, GroundingPassage } from './groundedness-judge.js';

/** How one answer sentence fared. */
export interface SentenceVerdict {
  /** The sentence with its markers, as written in the answer. */
  text: string;
  start: number;
  end: number;
  /** The `[n]` markers the sentence carries. */
  markers: number[];
  verdict: 'supported' | 'partial' | 'unsupported';
  /** 0..1. */
  score: number;
  reason: string;
}

/** The verdict on a whole answer. */
export interface GroundednessResult {
  /** 0..1: content-weighted mean of the sentence scores (1 for an abstention). */
  score: number;
  sentences: SentenceVerdict[];
  reason: string;
  method: 'lexical' | 'judge';
  /** True when the answer is an abstention ("insufficient information"), which claims nothing. */
  abstained: boolean;
}

/** How markers map to passages, and where the verdict lines fall. */
export interface GroundednessOptions {
  /** Marker `[index]` cites chunk `chunkId`; without it, `[n]` cites `passages[n - 1]`. */
  citations?: ReadonlyArray<{ index: number; chunkId: string }>;
  /** Score at or above which a sentence is supported (default 0.8). */
  supportedAt?: number;
  /** Score at or above which a sentence is partly supported (default 0.5). */
  partialAt?: number;
  /**
   * Whether a sentence must cite its source (default true: an uncited sentence counts half). False
   * checks every sentence against all passages, for answers of models that were not asked to cite.
   */
  requireCitations?: boolean;
  judge?: GroundednessJudge;
}

const abstentionPattern = /^\W*(insufficient information|i (do not|don't) know|not enough information)\W*$/i;

/** Splits an answer into sentences, keeping each sentence's trailing markers with it. */
function answerSentences(
  answer: string,
): Array<{ text: string; start: number; end: number; markers: number[] }> {
  return segmentSentences(answer)
    .reduce<Array<{ text: string; start: number; end: number }>>((merged, sentence) => {
      const previous = merged.at(-1);
      // "Paris. [1]" segments the marker on its own: it belongs to the sentence before.
      if (previous !== undefined && /^(\[\d+\]\s*)+$/.test(sentence.text)) {
        previous.end = sentence.end;
        previous.text = answer.slice(previous.start, previous.end);
      } else merged.push({ ...sentence });
      return merged;
    }, [])
    .map((sentence) => ({
      ...sentence,
      markers: [...sentence.text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])),
    }));
}

/** Scores every sentence of `answer` against the passages its markers cite. */
export async function checkGroundedness(
  answer: string,
  passages: readonly GroundingPassage[],
  options: GroundednessOptions = {},
): Promise<GroundednessResult> {
  const supportedAt = options.supportedAt ?? 0.8;
  const partialAt = options.partialAt ?? 0.5;
  if (abstentionPattern.test(answer.trim())) {
    return {
      score: 1,
      sentences: [],
      reason: 'The answer abstains, so it claims nothing.',
      method: 'lexical',
      abstained: true,
    };
  }
  const byId = new Map(passages.map((passage) => [passage.id, passage]));
  const cited = (marker: number): GroundingPassage | undefined => {
    if (options.citations === undefined) return passages[marker - 1];
    const citation = options.citations.find((entry) => entry.index === marker);
    return citation === undefined ? undefined : byId.get(citation.chunkId);
  };
  const verdictOf = (score: number): SentenceVerdict['verdict'] =>
    score >= supportedAt ? 'supported' : score >= partialAt ? 'partial' : 'unsupported';
  const lexical = answerSentences(answer).map((sentence) => {
    const sources = sentence.markers.map(cited);
    const known = sources.filter((source): source is GroundingPassage => source !== undefined);
    const scored = scoreSentenceLexically(
      sentence.text.replace(/\[\d+\]/g, ' '),
      known.length > 0 ? known : passages,
    );
    let { score, reason } = scored;
    if (sentence.markers.length === 0 && options.requireCitations !== false) {
      score *= 0.5;
      reason = `No citation. ${reason}`;
    } else if (known.length < sources.length) {
      const missing = sentence.markers.filter((_, index) => sources[index] === undefined);
      score *= 0.5;
      reason = `Cites ${missing.map((marker) => `[${marker}]`).join('')}, which is not among the passages. ${reason}`;
    }
    return { ...sentence, score, reason, weight: scored.weight, verdict: verdictOf(score), sources: known };
  });
  const judged = options.judge ? await judgeSentences(options.judge, lexical, passages) : undefined;
  const sentences: SentenceVerdict[] = lexical.map((sentence, index) => {
    const fromJudge = judged?.[index];
    const score = fromJudge?.score ?? sentence.score;
    return {
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      markers: sentence.markers,
      verdict: verdictOf(score),
      score,
      reason: fromJudge?.reason ?? sentence.reason,
    };
  });
  const totalWeight = lexical.reduce((sum, sentence) => sum + sentence.weight, 0);
  const score =
    totalWeight === 0
      ? 0
      : sentences.reduce((sum, sentence, index) => sum + sentence.score * (lexical[index]?.weight ?? 0), 0) /
        totalWeight;
  const weak = sentences.filter((sentence) => sentence.verdict !== 'supported').length;
  const reason =
    sentences.length === 0
      ? 'The answer is empty.'
      : weak === 0
        ? `All ${sentences.length} sentence(s) are supported by their citations.`
        : `${weak} of ${sentences.length} sentence(s) are not fully supported by their citations.`;
  return { score, sentences, reason, method: judged ? 'judge' : 'lexical', abstained: false };
}
