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
