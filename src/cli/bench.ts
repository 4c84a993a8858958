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

/** `strata bench routing`: runs every routing policy on recorded outcomes through the replay pipeline. */
export async function benchRoutingCommand(options: {
  data: string;
  trainSplit?: string;
  testSplit?: string;
  json: boolean;
  plot?: string;
}): Promise<void> {
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
