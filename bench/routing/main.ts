/** Command-line entry of the routing bench: `node main.js --data outcomes.jsonl [--json] [--plot out.svg]`. */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatRoutingReport, plotFrontier, runRoutingBench } from './run.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'train-split': { type: 'string', default: 'train' },
    'test-split': { type: 'string', default: 'test' },
    json: { type: 'boolean', default: false },
    plot: { type: 'string' },
  },
});
if (values.data === undefined) throw new Error('usage: main --data outcomes.jsonl [--json] [--plot out.svg]');
if (!existsSync(values.data)) {
  process.stderr.write(`no routing outcomes file at ${values.data}; pass --data <outcomes.jsonl>\n`);
  process.exit(1);
}
const report = await runRoutingBench({
  data: values.data,
  trainSplit: values['train-split'],
  testSplit: values['test-split'],
  onProgress: (message) => process.stderr.write(`${message}\n`),
});
if (values.plot !== undefined)
  writeFileSync(
    values.plot,
    plotFrontier(report, `${basename(dirname(values.data))} (${report.test_split} split)`),
  );
process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatRoutingReport(report)}\n`);
