import type { ColumnType } from 'kysely';

/** A dataset; `version` grows with every change to its items, so experiments can name what they ran on. */
export interface EvalDatasetTable {
  name: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * One version of a dataset item: an item is in dataset version v when `added_in <= v` and it was not
 * removed by then (`removed_in` null or greater). Editing an item removes its row and adds a new one.
 */
export interface EvalDatasetItemTable {
  id: string;
  dataset: string;
  /** Stable across edits: the item's id in its dataset. */
  item_key: string;
  added_in: number;
  removed_in: number | null;
  /** The input messages as a JSON array. */
  input: string;
  expected: string | null;
  /** A JSON object. */
  metadata: string;
  /** The logged request the item was made from, if any. */
  source_request_id: string | null;
  created_at: string;
}

/** One experiment run: a dataset (or inline tests) against variants, with its aggregates once finished. */
export interface EvalExperimentTable {
  id: string;
  name: string;
  dataset: string | null;
  dataset_version: number | null;
  /** 'running' | 'finished' | 'failed' | 'stopped'. */
  status: string;
  /** The eval config as JSON. */
  config: string;
  /** Aggregates and comparisons as JSON, once finished. */
  summary: string | null;
  cost_usd: number;
  created_at: string;
  finished_at: string | null;
}

/** One item answered by one variant in an experiment, with its assertions' verdicts. */
export interface EvalResultTable {
  id: string;
  experiment_id: string;
  variant: string;
  item_key: string;
  request_id: string | null;
  output: string;
  score: number;
  pass: ColumnType<number, number, number>;
  cost_usd: number | null;
  latency_ms: number;
  /** The verdicts as a JSON array. */
  assertions: string;
  error: string | null;
}

/** One version of a prompt template: messages with `{{variables}}` and default model settings. */
export interface PromptVersionTable {
  name: string;
  version: number;
  /** The messages as a JSON array. */
  messages: string;
  /** Default request settings (model, temperature, …) as a JSON object. */
  settings: string;
  note: string;
  created_at: string;
}

/** A label (`production`, `staging`, …) pointing at one version of a prompt. */
export interface PromptLabelTable {
  name: string;
  label: string;
  version: number;
  updated_at: string;
}

/** A score on a request or a session: from a person, an online evaluator or an experiment. */
export interface EvalScoreTable {
  id: string;
  request_id: string | null;
  session_id: string | null;
  name: string;
  /** 'thumbs' | 'number' | 'category'. */
  kind: string;
  value: number | null;
  category: string | null;
  comment: string | null;
  /** 'human' | 'online' | 'experiment'. */
  source: string;
  created_at: string;
}

/** The evaluation layer's tables, as Kysely sees them. */
export interface EvaluationSchema {
  eval_datasets: EvalDatasetTable;
  eval_dataset_items: EvalDatasetItemTable;
  eval_experiments: EvalExperimentTable;
  eval_results: EvalResultTable;
  prompt_versions: PromptVersionTable;
  prompt_labels: PromptLabelTable;
  eval_scores: EvalScoreTable;
}
