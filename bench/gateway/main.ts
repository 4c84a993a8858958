/** Command-line entry of the gateway bench: `node main.js --help` lists the flags. */
import { parseArgs } from 'node:util';
import { gatewayBenchFlags, gatewayBenchUsage, runGatewayBenchCommand } from './command.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { ...gatewayBenchFlags, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${gatewayBenchUsage}\n`);
    return;
  }
  // Ctrl-C exits through process 'exit', where the children are killed.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  process.exitCode = (await runGatewayBenchCommand(values)) ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
