import { formatGatewayReport, runGatewayBench } from '../../bench/gateway/run.js';

/** `strata bench gateway`: runs the gateway overhead benchmark and prints a table or JSON. */
export async function benchGatewayCommand(options: {
  json: boolean;
  stream: boolean;
  connections?: number;
  durationSeconds?: number;
}): Promise<void> {
  const { json, ...benchOptions } = options;
  const report = await runGatewayBench(benchOptions);
  console.log(json ? JSON.stringify(report, null, 2) : formatGatewayReport(report));
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
