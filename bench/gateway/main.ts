/**
 * Command-line entry of the gateway bench:
 * `node main.js [--json] [--stream] [--connections N] [--duration S] [--warmup S] [--rounds N]`.
 */
import { parseArgs } from 'node:util';
import { formatGatewayReport } from './format-report.js';
import { runGatewayBench } from './run.js';

const usage = 'usage: main [--json] [--stream] [--connections N] [--duration S] [--warmup S] [--rounds N]';

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`${flag} must be a non-negative number\n${usage}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      stream: { type: 'boolean', default: false },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  // Ctrl-C exits through process 'exit', where the children are killed.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const report = await runGatewayBench({
    connections: Math.max(1, Math.round(positiveNumber(values.connections, '--connections', 32))),
    durationSeconds: positiveNumber(values.duration, '--duration', 10),
    warmupSeconds: positiveNumber(values.warmup, '--warmup', 2),
    rounds: Math.max(1, Math.round(positiveNumber(values.rounds, '--rounds', 1))),
    stream: values.stream,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatGatewayReport(report)}\n`,
  );
  const failed = Object.values(report.targets).some((target) => !target.ok);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
