import type { Kysely, Selectable } from 'kysely';
import type { EvalExperimentTable, EvalResultTable } from './evaluation-schema.js';
import type { Schema } from './schema.js';

/** A stored experiment run. */
export interface ExperimentRecord {
  id: string;
  name: string;
  dataset: string | null;
  datasetVersion: number | null;
  status: 'running' | 'finished' | 'failed' | 'stopped';
  config: unknown;
  summary: unknown;
  costUsd: number;
  createdAt: string;
  finishedAt: string | null;
}

/** One item answered by one variant, with its verdicts. */
export interface ResultRecord {
  id: string;
  experimentId: string;
  variant: string;
  itemKey: string;
  requestId: string | null;
  output: string;
  score: number;
  pass: boolean;
  costUsd: number | null;
  latencyMs: number;
  assertions: unknown[];
  error: string | null;
}

/** Experiment runs and their per-item results. */
export interface ExperimentResultsRepository {
  start(
    experiment: Pick<ExperimentRecord, 'id' | 'name' | 'dataset' | 'datasetVersion' | 'config'>,
  ): Promise<void>;
  addResults(results: readonly ResultRecord[]): Promise<void>;
  finish(id: string, outcome: Pick<ExperimentRecord, 'status' | 'summary' | 'costUsd'>): Promise<void>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  /** Newest first, without configs and summaries' details. */
  list(limit: number): Promise<ExperimentRecord[]>;
  results(id: string): Promise<ResultRecord[]>;
}

function toExperiment(row: Selectable<EvalExperimentTable>): ExperimentRecord {
  return {
    id: row.id,
    name: row.name,
    dataset: row.dataset,
    datasetVersion: row.dataset_version === null ? null : Number(row.dataset_version),
    status: row.status as ExperimentRecord['status'],
    config: JSON.parse(row.config) as unknown,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as unknown),
    costUsd: Number(row.cost_usd),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function toResult(row: Selectable<EvalResultTable>): ResultRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    variant: row.variant,
    itemKey: row.item_key,
    requestId: row.request_id,
    output: row.output,
    score: Number(row.score),
    pass: Number(row.pass) === 1,
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    latencyMs: Number(row.latency_ms),
    assertions: JSON.parse(row.assertions) as unknown[],
    error: row.error,
  };
}

/** Builds the experiment results repository over a Kysely database of either dialect. */
export function createExperimentResultsRepository(db: Kysely<Schema>): ExperimentResultsRepository {
  return {
    async start(experiment) {
      await db
        .insertInto('eval_experiments')
        .values({
          id: experiment.id,
          name: experiment.name,
          dataset: experiment.dataset,
          dataset_version: experiment.datasetVersion,
          status: 'running',
          config: JSON.stringify(experiment.config),
          summary: null,
          cost_usd: 0,
          created_at: new Date().toISOString(),
          finished_at: null,
        })
        .execute();
    },
    async addResults(results) {
      for (let start = 0; start < results.length; start += 200) {
        await db
          .insertInto('eval_results')
          .values(
            results.slice(start, start + 200).map((result) => ({
              id: result.id,
              experiment_id: result.experimentId,
              variant: result.variant,
              item_key: result.itemKey,
              request_id: result.requestId,
              output: result.output.replaceAll('\u0000', ''),
              score: result.score,
              pass: result.pass ? 1 : 0,
              cost_usd: result.costUsd,
              latency_ms: result.latencyMs,
              assertions: JSON.stringify(result.assertions),
              error: result.error,
            })),
          )
          .execute();
      }
    },
    async finish(id, outcome) {
      await db
        .updateTable('eval_experiments')
        .set({
          status: outcome.status,
          summary: JSON.stringify(outcome.summary),
          cost_usd: outcome.costUsd,
          finished_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('eval_experiments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toExperiment(row);
    },
    async list(limit) {
      const rows = await db
        .selectFrom('eval_experiments')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toExperiment);
    },
    async results(id) {
      const rows = await db
        .selectFrom('eval_results')
        .selectAll()
        .where('experiment_id', '=', id)
        .orderBy('item_key')
        .orderBy('variant')
        .execute();
      return rows.map(toResult);
    },
  };
}
