import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../store/database.js';
import { createLedgerWriter } from '../store/ledger.js';
import { ledgerRow } from '../store/ledger-testing.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

test('strata spend prints spend from the ledger as a table with totals, or JSON', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-spend-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const store = await openDatabase({ home });
  const writer = createLedgerWriter(store);
  writer.record(ledgerRow({ model: 'gpt-4o-mini', costUsd: 1.5, createdAt: '2026-11-03T10:00:00.000Z' }));
  writer.record(ledgerRow({ model: 'gpt-4o-mini', costUsd: 0.5, createdAt: '2026-11-04T10:00:00.000Z' }));
  writer.record(ledgerRow({ model: 'my-finetune', costUsd: null, createdAt: '2026-11-04T11:00:00.000Z' }));
  writer.record(ledgerRow({ model: 'gpt-4o', costUsd: 9, createdAt: '2026-12-01T10:00:00.000Z' }));
  await writer.close();
  await store.close();
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };

  const table = await run(
    process.execPath,
    [mainScript, 'spend', '--from', '2026-11-01', '--to', '2026-11-30'],
    { env },
  );
  const lines = table.stdout.trim().split('\n');
  assert.match(
    lines[0] ?? '',
    /^model\s+requests\s+input tokens\s+output tokens\s+cost\s+saved by cache\s+unpriced$/,
  );
  assert.match(lines[1] ?? '', /^gpt-4o-mini\s+2\s+20\s+10\s+\$2\.00\s+\$0\.00\s+0$/);
  assert.match(lines[2] ?? '', /^my-finetune\s+1\s+10\s+5\s+\$0\.00\s+\$0\.00\s+1$/);
  assert.match(lines[3] ?? '', /^total\s+3\s+30\s+15\s+\$2\.00\s+\$0\.00\s+1$/);
  assert.equal(lines.length, 4, 'December is outside the range');

  const json = await run(process.execPath, [mainScript, 'spend', '--by', 'day', '--json'], { env });
  const report = JSON.parse(json.stdout) as {
    group_by: string;
    data: Array<{ group: string; cost_usd: number }>;
  };
  assert.equal(report.group_by, 'day');
  assert.deepEqual(
    report.data.map((group) => [group.group, group.cost_usd]),
    [
      ['2026-11-03', 1.5],
      ['2026-11-04', 0.5],
      ['2026-12-01', 9],
    ],
  );

  await assert.rejects(
    run(process.execPath, [mainScript, 'spend', '--by', 'planet'], { env }),
    /--by must be one of/,
  );
  const help = await run(process.execPath, [mainScript, 'spend', '--help'], { env });
  assert.match(help.stdout, /Usage: strata spend/);
});

test('strata spend shows cents and below as recorded, and keys by name', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-spend-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };
  const created = await run(
    process.execPath,
    [mainScript, 'keys', 'create', '--name', 'search-bot', '--json'],
    {
      env,
    },
  );
  const key = JSON.parse(created.stdout) as { id: string };
  const store = await openDatabase({ home });
  const writer = createLedgerWriter(store);
  writer.record(ledgerRow({ keyId: key.id, costUsd: 0.014 }));
  writer.record(ledgerRow({ keyId: 'config:ci', costUsd: 0.0025 }));
  await writer.close();
  await store.close();

  const table = await run(process.execPath, [mainScript, 'spend', '--by', 'key'], { env });
  const lines = table.stdout.trim().split('\n');
  assert.ok(
    lines.some((line) => new RegExp(`^search-bot \\(${key.id}\\)\\s+1\\s.*\\$0\\.014\\s`).test(line)),
    table.stdout,
  );
  assert.ok(
    lines.some((line) => /^ci\s+1\s.*\$0\.0025\s/.test(line)),
    table.stdout,
  );
  assert.match(lines.at(-1) ?? '', /^total\s+2\s.*\$0\.0165\s/);
  const json = await run(process.execPath, [mainScript, 'spend', '--by', 'key', '--json'], { env });
  const names = (JSON.parse(json.stdout) as { data: Array<{ key_name: string }> }).data.map(
    (g) => g.key_name,
  );
  assert.deepEqual(names.sort(), ['ci', 'search-bot']);
});
