/** Turns per-question outcomes into the bench's metrics. */
import { abstentionScores, bestOver, exactMatch, tokenF1 } from './squad-metrics.js';

/** What happened on one question. */
export interface QuestionOutcome {
  id: string;
  type: string;
  unanswerable: boolean;
  answers: readonly string[];
  /** The answer with its `[n]` markers removed. */
  prediction: string;
  abstained: boolean;
  validCitations: number;
  invalidCitations: number;
  latencyMs: number;
}

/** The metrics of a set of outcomes; JSON keys are snake_case. */
export interface GroundedScores {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** SQuAD EM and F1 in percent, over answerable questions (an abstention scores 0). */
  exact_match: number;
  f1: number;
  /** Of the questions the model abstained on, the share that were unanswerable, in percent. */
  abstention_precision: number;
  /** Of the unanswerable questions, the share the model abstained on, in percent. */
  abstention_recall: number;
  /** Answerable questions the model abstained on. */
  abstained_answerable: number;
  citations: number;
  /** Share of citations quoting a retrieved chunk verbatim, in percent (100 when there are none). */
  citation_validity: number;
}

const percent = (value: number) => Math.round(value * 1000) / 10;

/** Scores a list of outcomes. */
export function scoreOutcomes(outcomes: readonly QuestionOutcome[]): GroundedScores {
  const answerable = outcomes.filter((outcome) => !outcome.unanswerable);
  const answered = (outcome: QuestionOutcome, metric: typeof exactMatch) =>
    outcome.abstained ? 0 : bestOver(metric, outcome.prediction, outcome.answers);
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const abstention = abstentionScores(outcomes);
  const valid = outcomes.reduce((sum, outcome) => sum + outcome.validCitations, 0);
  const citations = valid + outcomes.reduce((sum, outcome) => sum + outcome.invalidCitations, 0);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    unanswerable: outcomes.length - answerable.length,
    exact_match: percent(mean(answerable.map((outcome) => answered(outcome, exactMatch)))),
    f1: percent(mean(answerable.map((outcome) => answered(outcome, tokenF1)))),
    abstention_precision: percent(abstention.precision),
    abstention_recall: percent(abstention.recall),
    abstained_answerable: answerable.filter((outcome) => outcome.abstained).length,
    citations,
    citation_validity: citations === 0 ? 100 : percent(valid / citations),
  };
}

/** Removes `[n]` markers and the space before them. */
export function stripMarkers(answer: string): string {
  return answer.replace(/\s*\[\d+\]/g, '').trim();
}

/** The value at quantile `q` (0..1) of some numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
