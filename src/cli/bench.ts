import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GatewayBenchFlagValues,
  gatewayBenchOptions,
  runGatewayBenchCommand,
} from '../../bench/gateway/command.js';
import { CliError } from './common.js';

/** Fails in one line naming the path when a bench's data is not where `--data` points. */
function requireData(path: string, files: string[], what: string): void {
  const missing = [path, ...files.map((file) => join(path, file))].find((file) => !existsSync(file));
  if (missing !== undefined) throw new CliError(`no ${what} at ${missing}; pass --data <path to one>`);
}

/** `strata bench gateway`: runs the gateway race and prints a table or JSON (and an SVG with --plot). */
export async function benchGatewayCommand(values: GatewayBenchFlagValues): Promise<void> {
  try {
    gatewayBenchOptions(values);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (!(await runGatewayBenchCommand(values))) process.exitCode = 1;
}

/** `strata bench retrieval`: BM25 / hybrid / LSA quality and speed on BEIR-layout datasets. */
export async function benchRetrievalCommand(options: {
  json: boolean;
  data: string;
  mode?: string;
  k1?: string;
  b?: string;
  fusion?: string;
  weights?: string;
  synthetic?: string;
}): Promise<void> {
  const { datasetDirectories, runRetrievalSuite } = await import('../../bench/retrieval/suite.js');
  const { formatRetrievalReports } = await import('../../bench/retrieval/format-report.js');
  const modes = (options.mode ?? 'bm25').split(',');
  for (const mode of modes) {
    if (mode !== 'bm25' && mode !== 'hybrid' && mode !== 'lsa')
      throw new CliError(`--mode must be bm25, hybrid or lsa (comma-separated for several), got \`${mode}\``);
  }
  const number = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new CliError(`--${flag} must be a non-negative number`);
    return parsed;
  };
  if (options.fusion !== undefined && options.fusion !== 'weighted' && options.fusion !== 'rrf')
    throw new CliError('--fusion must be weighted or rrf');
  const synthetic = number('synthetic', options.synthetic);
  const k1 = number('k1', options.k1);
  const b = number('b', options.b);
  const bm25Weight = number('weights', options.weights);
  if (bm25Weight !== undefined && bm25Weight > 1) throw new CliError('--weights must be between 0 and 1');
  try {
    datasetDirectories(options.data);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const reports = await runRetrievalSuite({
    data: options.data,
    modes: modes as Array<'bm25' | 'hybrid' | 'lsa'>,
    ...(k1 !== undefined && { k1 }),
    ...(b !== undefined && { b }),
    ...(options.fusion !== undefined && { fusion: options.fusion as 'weighted' | 'rrf' }),
    ...(synthetic !== undefined && { synthetic: Math.floor(synthetic) }),
    ...(bm25Weight !== undefined && { bm25Weight }),
  });
  const single = reports.length === 1 ? reports[0] : undefined;
  console.log(options.json ? JSON.stringify(single ?? reports, null, 2) : formatRetrievalReports(reports));
}

/** `strata bench grounded`: grounded QA with citations on a dataset directory; a table or JSON. */
export async function benchGroundedCommand(options: {
  json: boolean;
  data: string;
  model?: string;
  config?: string;
  context?: 'retrieved' | 'gold';
  topK?: number;
  limit?: number;
  threshold?: number;
}): Promise<void> {
  requireData(options.data, ['qa.jsonl', 'corpus.jsonl'], 'grounded-QA dataset');
  const { runGroundedBench } = await import('../../bench/grounded/run.js');
  const { formatGroundedReport } = await import('../../bench/grounded/format-report.js');
  const model = options.model ?? 'local/extractive';
  let answerer: Awaited<ReturnType<typeof createPipelineAnswererFor>> | undefined;
  if (model !== 'local/extractive') answerer = await createPipelineAnswererFor(model, options.config);
  try {
    const report = await runGroundedBench({
      dataDirectory: options.data,
      ...(options.context !== undefined && { context: options.context }),
      ...(options.topK !== undefined && { topK: options.topK }),
      ...(options.limit !== undefined && { limit: options.limit }),
      ...(options.threshold !== undefined && { threshold: options.threshold }),
      ...(answerer !== undefined && { answerer }),
    });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatGroundedReport(report));
  } finally {
    await answerer?.close();
  }
}

async function createPipelineAnswererFor(model: string, config: string | undefined) {
  const { loadConfigOrFail } = await import('./common.js');
  const { createPipelineAnswerer } = await import('../../bench/grounded/pipeline-answerer.js');
  const loaded = await loadConfigOrFail(config);
  return createPipelineAnswerer(model, loaded.config, loaded.environment);
}

/** `strata bench routing`: runs every routing policy on recorded outcomes through the replay pipeline. */
export async function benchRoutingCommand(options: {
  data: string;
  trainSplit?: string;
  testSplit?: string;
  json: boolean;
  plot?: string;
}): Promise<void> {
  requireData(options.data, [], 'routing outcomes file');
  const { writeFile } = await import('node:fs/promises');
  const { formatRoutingReport, plotFrontier, runRoutingBench } = await import('../../bench/routing/run.js');
  const report = await runRoutingBench({
    data: options.data,
    ...(options.trainSplit !== undefined && { trainSplit: options.trainSplit }),
    ...(options.testSplit !== undefined && { testSplit: options.testSplit }),
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  // The dataset's folder names it (routerbench/outcomes.jsonl → routerbench).
  const { basename, dirname } = await import('node:path');
  const title = `${basename(dirname(options.data))} (${report.test_split} split)`;
  if (options.plot !== undefined) await writeFile(options.plot, plotFrontier(report, title));
  console.log(options.json ? JSON.stringify(report, null, 2) : formatRoutingReport(report));
}

/** `strata bench guardrails`: per-entity precision and recall, injection results and CPU per KB. */
export async function benchGuardrailsCommand(options: {
  json: boolean;
  split?: string;
  data?: string;
  threshold?: string;
}): Promise<void> {
  const { runGuardrailsCommand } = await import('../../bench/guardrails/main.js');
  const threshold = options.threshold === undefined ? undefined : Number(options.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    throw new CliError('--threshold must be between 0 and 1');
  if (options.data !== undefined)
    requireData(options.data, ['corpus.jsonl', 'injections.jsonl'], 'guardrail corpus');
  try {
    runGuardrailsCommand({
      json: options.json,
      ...(options.split !== undefined && { split: options.split }),
      ...(options.data !== undefined && {
        corpus: join(options.data, 'corpus.jsonl'),
        injections: join(options.data, 'injections.jsonl'),
      }),
      ...(threshold !== undefined && { threshold }),
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
