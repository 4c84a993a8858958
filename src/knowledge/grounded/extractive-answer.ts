/**
 * The extractive answerer: picks the sentences of the retrieved passages that best support a question,
 * narrows them to a short span when the question asks for a name, date or number, and cites every span
 * by chunk id and character range — or abstains when the passages do not support an answer.
 */
import { isGreeting, welcomeText } from './greeting.js';
import { analyseQuestion } from './question-analysis.js';
import { adjacentRun, exampleAfter, fenced, openingOf, rowSentence } from './quoted-run.js';
import {
  answersHeading,
  type Passage,
  rankSentences,
  type ScoredSentence,
  type SentenceRanking,
} from './sentence-scoring.js';
import { pickSpan } from './span-selection.js';
import { contentStems } from './terms.js';
import { holdsType, isTyped } from './type-evidence.js';

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
  /**
   * `sentence` (the default) quotes the whole sentence that holds the answer, so a reader gets the fact
   * with its context; `span` narrows a name, date or number question to the short span itself, the
   * form extractive-QA datasets score.
   */
  form?: 'sentence' | 'span';
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

const defaults = {
  threshold: defaultThreshold,
  maxSentences: 2,
  form: 'sentence',
} satisfies ExtractiveOptions;

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
 * `frame` stems are left out of the question's weight.
 */
function supportOf(
  evidence: readonly ScoredSentence[],
  ranking: SentenceRanking,
  typed: boolean,
  about = false,
  frame: readonly string[] = [],
): number {
  // Quoting the block about the question's subject, the lead term or heading naming it is evidence too.
  const matched = new Set(
    evidence.flatMap((sentence) => [...sentence.matched, ...(about ? sentence.structural : [])]),
  );
  let covered = 0;
  let total = 0;
  for (const [stem, weight] of ranking.weights) {
    // Frame words need no support when the rest of the question is the subject of the block quoted.
    if (frame.includes(stem) && frame.length < ranking.weights.size) continue;
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
  if (isGreeting(question)) return { answer: welcomeText, citations: [], abstained: false, support: 0 };
  const analysed = analyseQuestion(question);
  if (analysed.stems.length === 0 || passages.length === 0) return abstain(0);
  const ranking = rankSentences(analysed, passages, settings.idf, settings.form === 'sentence');
  const best = openingOf(ranking.sentences, analysed);
  if (best === undefined || (best.matched.size === 0 && !best.subject)) return abstain(0);
  const top = ranking.sentences.filter((sentence) => sentence.score >= 0.6 * best.score).slice(0, 6);
  // A question naming exactly what a block is about ("Which providers…" over "**Providers**") wants
  // the block's account of it, not a phrase narrowed out of it.
  const about = best.topic >= 1 && best.sentence.kind === 'prose';
  // A whole-sentence answer is never narrowed: the ranking already prefers sentences holding what a
  // typed question asks for.
  const narrows =
    settings.form === 'span' && analysed.type !== 'description' && !(about && analysed.type === 'entity');
  const span = narrows ? pickSpan(analysed, top, ranking.weights) : undefined;
  if (span !== undefined) {
    const support = supportOf(span.sentences, ranking, true);
    if (support < settings.threshold) return abstain(support);
    const citations = span.occurrences.map((occurrence, index) =>
      cite(passages, occurrence.passageIndex, occurrence.start, occurrence.end, index + 1),
    );
    const first = citations[0] as Citation;
    const markers = citations.map((citation) => `[${citation.index}]`).join('');
    return { answer: `${first.text} ${markers}`, citations, abstained: false, support };
  }
  // Whole-sentence answers weigh the runner-up of a near tie too: when the best-ranked sentence lacks the
  // support to answer, one that ranks nearly as well and has it answers instead of an abstention.
  const contenders =
    settings.form === 'sentence'
      ? [
          best,
          ...ranking.sentences.filter(
            (sentence) => sentence !== best && sentence.score >= nearTie * best.score,
          ),
        ]
      : [best];
  let first: number | undefined;
  for (const contender of contenders.slice(0, maxContenders)) {
    const chosen = adjacentRun(contender, ranking.sentences, settings.maxSentences);
    const aboutIt = (contender.topic >= 1 || contender.subject) && contender.sentence.kind === 'prose';
    const typed =
      settings.form === 'sentence'
        ? chosen.some((sentence) => holdsType(sentence.sentence.text, analysed.type))
        : !isTyped(analysed.type);
    // A whole-sentence answer quotes what the question names; whether it is "available" or "supported"
    // is the frame of the question, not a fact the sentence must repeat.
    const framed = aboutIt || settings.form === 'sentence';
    const support = supportOf(chosen, ranking, typed, aboutIt, framed ? analysed.frame : []);
    if (support >= settings.threshold) return quote(chosen, passages, support, analysed.stems);
    first ??= support;
  }
  return abstain(first ?? 0);
}

/** How close to the best score a sentence must rank to stand in for it, and how many may. */
const nearTie = 0.95;
const maxContenders = 3;

/**
 * Quotes a run of adjacent units of one passage as the answer, citing it as `[1]`. A run that opens a
 * section whose heading names what the question asks and the run does not ("### POST /v1/embeddings"
 * over "`{model, input}` → a list of embeddings") is quoted with its heading; one that introduces a code
 * example ("…:") is quoted with the example.
 */
function quote(
  chosen: readonly ScoredSentence[],
  passages: readonly Passage[],
  support: number,
  stems: readonly string[],
): GroundedAnswer {
  const first = chosen[0] as ScoredSentence;
  const last = chosen.at(-1) as ScoredSentence;
  const passage = (passages[first.passageIndex] as Passage).text;
  const headed = headingOf(chosen, stems);
  const example = exampleAfter(passage, last.sentence);
  const start = headed === undefined ? first.sentence.start : (first.sentence.headingStart as number);
  const citation = cite(passages, first.passageIndex, start, example?.end ?? last.sentence.end, 1);
  const body = passage.slice(first.sentence.start, last.sentence.end);
  // Prose is re-flowed onto one line; code keeps its lines, inside fences even where the chunk cut them.
  const text =
    first.sentence.kind === 'code'
      ? `${fenced(body)}\n[1]`
      : first.sentence.kind === 'row'
        ? `${rowSentence(body, first.sentence.columns)} [1]`
        : example === undefined
          ? `${body.replace(/\s+/g, ' ')} [1]`
          : `${body.replace(/\s+/g, ' ')}\n\n${example.text}\n\n[1]`;
  const answer =
    headed === undefined ? text : `${headed}:${first.sentence.kind === 'code' ? '\n' : ' '}${text}`;
  return { answer, citations: [citation], abstained: false, support };
}

/**
 * The heading to quote before a run: its section's, when the run opens that section and the heading
 * names a question word the run does not, or names it as code (an endpoint, a command, a setting),
 * which a reader needs to act on the sentence.
 */
function headingOf(chosen: readonly ScoredSentence[], stems: readonly string[]): string | undefined {
  const first = chosen[0] as ScoredSentence;
  if (first.sentence.headingStart === undefined || !first.sentence.opens || first.sentence.lead !== '')
    return undefined;
  // An FAQ answer is written to stand on its own under its question.
  if (answersHeading(first.sentence)) return undefined;
  const quoted = new Set(chosen.flatMap((sentence) => sentence.terms.map((term) => term.stem)));
  const heading = contentStems(first.sentence.heading);
  const code = /[/`_]|^(GET|POST|PUT|PATCH|DELETE)\s/.test(first.sentence.heading);
  const adds = stems.some((stem) => heading.has(stem) && (code || !quoted.has(stem)));
  return adds ? first.sentence.heading : undefined;
}
