/** Command-line entry of the tokens bench: `node main.js [--json] [--data DIR] [--min-ms N]`. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatTokensReport } from './format-report.js';
import { runTokensBench } from './run.js';

const usage = 'usage: main [--json] [--data DIR] [--min-ms N]';

function main(): void {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string', default: '../shared/data/grounded/squad2_dev500' },
      'min-ms': { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const minMs = Number(values['min-ms']);
  if (!Number.isFinite(minMs) || minMs < 0)
    throw new Error(`--min-ms must be a non-negative number\n${usage}`);
  if (!existsSync(values.data))
    process.stderr.write(`no grounded-QA dataset at ${values.data}; its prose part is generated instead\n`);
  const report = runTokensBench({ dataDirectory: values.data, minMs });
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatTokensReport(report)}\n`);
}

main();
