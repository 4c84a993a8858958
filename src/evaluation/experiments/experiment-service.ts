import { newId } from '../../core/ids.js';
import type { DatasetItemRecord } from '../../store/datasets-repository.js';
import type {
  ExperimentRecord,
  ExperimentResultsRepository,
  ResultRecord,
} from '../../store/experiments-results-repository.js';
import { type DatasetFormat, parseDatasetFile } from '../datasets/dataset-file.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import type { EvalConfig } from './eval-config.js';
import { checkGates, type GateVerdict } from './gates.js';
import { casesOf, type ResolvePrompt, variantsOf } from './plan.js';
import { type EvalTarget, type ExperimentRun, type ItemResult, runExperiment } from './run-experiment.js';
import { type ExperimentSummary, summarise } from './summarise.js';

/** How one run is made: its name, where relative files live, its dataset file and its gate. */
export interface RunOptions {
  name?: string | undefined;
  baseDirectory?: string | undefined;
  /** The contents of `dataset_file`, read by the caller. */
  datasetFile?: { text: string; format: DatasetFormat } | undefined;
  failUnder?: number | undefined;
  signal?: AbortSignal | undefined;
  onResult?: ((result: ItemResult, done: number, total: number) => void) | undefined;
}

/** A finished run: its id, results, aggregates and gate verdict (also stored). */
export interface ExperimentReport {
  id: string;
  name: string;
  description: string | undefined;
  dataset: { name: string; version: number } | undefined;
  run: ExperimentRun;
  summary: ExperimentSummary;
  gate: GateVerdict;
}

/** Runs experiments and reads stored ones. */
export interface ExperimentService {
  run(config: EvalConfig, options?: RunOptions): Promise<ExperimentReport>;
  list(limit?: number): Promise<ExperimentRecord[]>;
  get(id: string): Promise<{ experiment: ExperimentRecord; results: ResultRecord[] } | undefined>;
}

/** Builds the experiment service over a target (the pipeline), datasets, prompts and the results store. */
export function createExperimentService(deps: {
  target: (config: EvalConfig) => EvalTarget;
  datasets: DatasetService;
  resolvePrompt: ResolvePrompt;
  results: ExperimentResultsRepository;
}): ExperimentService {
  return {
    async run(config, options = {}) {
      const id = newId('exp');
      const name = options.name ?? config.description ?? id;
      const [items, dataset] = await datasetItems(config, deps.datasets, options.datasetFile);
      const variants = await variantsOf(config, deps.resolvePrompt);
      const cases = casesOf(config, items, { baseDirectory: options.baseDirectory });
      await deps.results.start({
        id,
        name,
        dataset: dataset?.name ?? null,
        datasetVersion: dataset?.version ?? null,
        config,
      });
      let run: ExperimentRun;
      try {
        run = await runExperiment(
          { id, variants, cases, concurrency: config.concurrency, budgetUsd: config.budget_usd },
          deps.target(config),
          {
            ...(options.signal && { signal: options.signal }),
            ...(options.onResult && { onResult: options.onResult }),
          },
        );
      } catch (error) {
        await deps.results.finish(id, { status: 'failed', summary: { error: String(error) }, costUsd: 0 });
        throw error;
      }
      const summary = summarise(variants, cases, run.results, run.spentUsd);
      const gate = checkGates(summary, config.thresholds, {
        failUnder: options.failUnder,
        stopReason: run.stopReason,
      });
      await deps.results.addResults(
        run.results.map((result) => ({
          id: newId('res'),
          experimentId: id,
          variant: result.variant,
          itemKey: result.key,
          requestId: result.requestId,
          output: result.output,
          score: result.score,
          pass: result.pass,
          costUsd: result.costUsd,
          latencyMs: result.latencyMs,
          assertions: result.assertions,
          error: result.error,
        })),
      );
      await deps.results.finish(id, {
        status: run.status,
        summary: { ...summary, gate, ...(run.stopReason !== undefined && { stopReason: run.stopReason }) },
        costUsd: run.spentUsd,
      });
      return { id, name, description: config.description, dataset, run, summary, gate };
    },
    list: (limit = 50) => deps.results.list(limit),
    async get(id) {
      const experiment = await deps.results.get(id);
      return experiment && { experiment, results: await deps.results.results(id) };
    },
  };
}

async function datasetItems(
  config: EvalConfig,
  datasets: DatasetService,
  file: RunOptions['datasetFile'],
): Promise<[DatasetItemRecord[], { name: string; version: number } | undefined]> {
  const items: DatasetItemRecord[] = [];
  if (file) {
    for (const [index, item] of parseDatasetFile(file.text, file.format).entries()) {
      items.push({
        key: item.key ?? `row-${index + 1}`,
        input: item.input,
        expected: item.expected,
        metadata: item.metadata,
        sourceRequestId: null,
        addedIn: 0,
      });
    }
  }
  if (config.dataset === undefined) return [items, undefined];
  const [name = '', version] = config.dataset.split('@');
  const stored = await datasets.get(name);
  const at = version === undefined ? stored.version : Number(version);
  items.push(...(await datasets.items(name, at)));
  return [items, { name, version: at }];
}
