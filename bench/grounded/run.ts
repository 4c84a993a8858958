/**
 * The grounded-QA bench: for each question, retrieve passages (from the dataset's corpus, or its gold
 * context), answer with citations, and score EM/F1, abstention, citation validity and latency. The
 * abstention threshold is re-derived on the calibration half so the reported held-out half stays clean.
 */
import {
  answerFromPassages,
  defaultThreshold,
  type Passage,
} from '../../src/knowledge/grounded/extractive-answer.js';
import type { BenchAnswerer } from './answerer.js';
import { type CalibrationRow, calibrateThreshold, separatingThreshold } from './calibrate.js';
import { checkCitations } from './citation-validity.js';
import { corpusIdf } from './corpus-idf.js';
import { type GroundedQuestion, loadGroundedDataset } from './dataset.js';
import { type ContextSource, createRetriever, type RetrievalMode } from './retriever.js';
import { type GroundedScores, type QuestionOutcome, quantile, scoreOutcomes, stripMarkers } from './score.js';
import { isCalibration } from './split.js';
import { bestOver, tokenF1 } from './squad-metrics.js';

/** What to run. */
export interface GroundedBenchOptions {
  dataDirectory: string;
  /** `retrieved` searches the corpus; `gold` hands the answerer the question's own evidence. */
  context?: ContextSource;
  topK?: number;
  /** How the index searches for `retrieved` context (default `hybrid`). */
  mode?: RetrievalMode;
  /** Answers through something other than the built-in extractive answerer (e.g. the pipeline). */
  answerer?: BenchAnswerer;
  /** The extractive answerer's abstention threshold (default: its calibrated `defaultThreshold`). */
  threshold?: number;
  /** Only the first N questions (for quick runs and tests). */
  limit?: number;
}

/** The report, printed as a table or JSON (snake_case keys). */
export interface GroundedBenchReport {
  dataset: string;
  model: string;
  context: ContextSource;
  retrieval: string;
  top_k: number;
  threshold: number | null;
  all: GroundedScores;
  calibration_half: GroundedScores;
  held_out_half: GroundedScores;
  /**
   * Thresholds the calibration half alone picks: the one that maximises SQuAD 2.0 overall F1 there, and
   * the one that separates unanswerable from answerable questions (Youden's J, one-standard-error rule),
   * with where J itself peaks.
   */
  calibrated_threshold: {
    overall_f1_best: number;
    overall_f1: number;
    separating: number;
    youden_j: number;
    best_youden: number;
    best_youden_j: number;
  } | null;
  by_type: Record<string, GroundedScores>;
  retrieval_recall: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  latency_mean_ms: number;
}

/** Runs the bench on one dataset directory. */
export async function runGroundedBench(options: GroundedBenchOptions): Promise<GroundedBenchReport> {
  const dataset = await loadGroundedDataset(options.dataDirectory);
  const context = options.context ?? 'retrieved';
  const topK = options.topK ?? 5;
  const retriever = await createRetriever(dataset, context, topK, options.mode);
  const idf = corpusIdf(dataset.corpus);
  const local = options.answerer === undefined;
  const threshold = options.threshold ?? defaultThreshold;
  const answerer: BenchAnswerer = options.answerer ?? {
    model: 'local/extractive',
    answer: async (question, passages) =>
      answerFromPassages(question, passages, { idf, threshold, form: 'span' }),
  };
  const questions = dataset.questions.slice(0, options.limit ?? dataset.questions.length);
  const outcomes: QuestionOutcome[] = [];
  const calibration: Array<CalibrationRow & { id: string }> = [];
  let goldFound = 0;
  let goldTotal = 0;
  for (const question of questions) {
    const started = performance.now();
    const passages = await retriever.retrieve(question);
    const result = await answerer.answer(question.question, passages);
    const latencyMs = performance.now() - started;
    const check = checkCitations(result.answer, result.citations, passages);
    outcomes.push(outcome(question, result, check, latencyMs));
    const ids = new Set(passages.map((passage) => passage.id));
    goldTotal += question.gold.length;
    goldFound += question.gold.filter((document) => ids.has(document.id)).length;
    if (local) calibration.push({ id: question.id, ...calibrationRow(question, passages, idf) });
  }
  const calibrationHalf = outcomes.filter((row) => isCalibration(row.id));
  const heldOut = outcomes.filter((row) => !isCalibration(row.id));
  const byType: Record<string, GroundedScores> = {};
  for (const type of new Set(outcomes.map((row) => row.type))) {
    byType[type] = scoreOutcomes(outcomes.filter((row) => row.type === type));
  }
  const calibrationRows = calibration.filter((row) => isCalibration(row.id));
  const calibrated = local ? calibrateThreshold(calibrationRows) : undefined;
  const separating = local ? separatingThreshold(calibrationRows) : undefined;
  const latencies = outcomes.map((row) => row.latencyMs);
  return {
    dataset: dataset.name,
    model: answerer.model,
    context,
    retrieval: retriever.description,
    top_k: topK,
    threshold: local ? threshold : null,
    all: scoreOutcomes(outcomes),
    calibration_half: scoreOutcomes(calibrationHalf),
    held_out_half: scoreOutcomes(heldOut),
    calibrated_threshold:
      calibrated && separating
        ? {
            overall_f1_best: calibrated.threshold,
            overall_f1: round(calibrated.f1 * 100),
            separating: separating.threshold,
            youden_j: round(separating.j, 3),
            best_youden: separating.best,
            best_youden_j: round(separating.bestJ, 3),
          }
        : null,
    by_type: byType,
    retrieval_recall: goldTotal === 0 ? 100 : round((goldFound / goldTotal) * 100),
    latency_p50_ms: round(quantile(latencies, 0.5), 3),
    latency_p99_ms: round(quantile(latencies, 0.99), 3),
    latency_mean_ms: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 3),
  };
}

function outcome(
  question: GroundedQuestion,
  result: Awaited<ReturnType<BenchAnswerer['answer']>>,
  check: { valid: number; invalid: number },
  latencyMs: number,
): QuestionOutcome {
  return {
    id: question.id,
    type: question.type,
    unanswerable: question.unanswerable,
    answers: question.answers,
    prediction: stripMarkers(result.answer),
    abstained: result.abstained,
    validCitations: check.valid,
    invalidCitations: check.invalid,
    latencyMs,
  };
}

/** The answer with no threshold at all, for choosing one on the calibration half. */
function calibrationRow(
  question: GroundedQuestion,
  passages: Passage[],
  idf: (stem: string) => number,
): CalibrationRow {
  const open = answerFromPassages(question.question, passages, { idf, threshold: 0, form: 'span' });
  const answeredF1 =
    question.unanswerable || open.abstained
      ? 0
      : bestOver(tokenF1, stripMarkers(open.answer), question.answers);
  return { support: open.support, unanswerable: question.unanswerable, answeredF1 };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
