import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../store/database.js';
import { createLedgerWriter } from '../store/ledger.js';
import { ledgerRow } from '../store/ledger-testing.js';
import { createOutcomesRepository } from '../store/outcomes-repository.js';
import { createRequestLogWriter } from '../store/request-log.js';
import { chromiumPath } from './pdf.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

test('strata value, report roi, simulate and experiments read the same services as the admin API', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-value-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const store = await openDatabase({ home });
  const requests = createRequestLogWriter(store);
  const ledger = createLedgerWriter(store);
  const day = new Date(Date.now() - 3_600_000).toISOString();
  for (const [index, team] of ['care', 'care', 'sales'].entries()) {
    const requestId = `req_cli_${index}`;
    requests.record({
      requestId,
      createdAt: day,
      endpoint: '/v1/chat/completions',
      keyId: 'key_a',
      requestedModel: 'support',
      servedModel: 'gpt-4o-mini',
      provider: 'openai',
      status: 200,
      errorCode: null,
      stream: false,
      latencyMs: 50,
      ttftMs: null,
      inputTokens: 10,
      outputTokens: 5,
      cachedInputTokens: 0,
      reasoningTokens: null,
      usageEstimated: false,
      costUsd: 0.5,
      priceVersion: 'v1',
      correlationId: `order-${index}`,
    });
    ledger.record(ledgerRow({ requestId, team, createdAt: day, costUsd: 0.25 }));
    ledger.record(
      ledgerRow({ requestId, team, attempt: 2, purpose: 'retry', createdAt: day, costUsd: 0.25 }),
    );
  }
  await Promise.all([requests.close(), ledger.close()]);
  await createOutcomesRepository(store.db).insert(
    [true, false, true].map((success, index) => ({
      id: `o${index}`,
      name: 'resolved',
      success,
      valueUsd: success ? 3 : 0,
      metadata: {},
      subjectKind: 'correlation' as const,
      subject: `order-${index}`,
      occurredAt: day,
      createdAt: day,
    })),
  );
  await store.close();
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };
  const strata = (...args: string[]) => run(process.execPath, [mainScript, ...args], { env });

  const json = JSON.parse((await strata('value', '--by', 'team', '--period', '1d', '--json')).stdout) as {
    groups: Array<{ group: string; cpso_usd: number; attempts: number; roi: number }>;
  };
  assert.deepEqual(
    json.groups.map((group) => [group.group, group.attempts, group.cpso_usd, group.roi]),
    [
      ['care', 4, 1, 2],
      ['sales', 2, 0.5, 5],
    ],
  );
  const text = (await strata('value', '--period', '1d')).stdout;
  assert.match(
    text,
    /^total\s+3\s+6\s+\$1\.50\s+3\s+66\.7%\s+\$6\.00\s+\$0\.5000\s+n\/a\s+\$0\.7500\s+300\.0%$/m,
  );
  assert.match(text, /cache: \$0\.00 .*Each cache hit/);

  const html = join(home, 'report.html');
  await strata('report', 'roi', '--period', '30d', '--out', html);
  const page = await readFile(html, 'utf8');
  assert.match(
    page,
    /Strata served 3 requests \(6 provider attempts.*2 of them successful \(66\.7%\), worth \$6\.00/,
  );
  assert.doesNotMatch(page, /<script|src="http/, 'self-contained');

  if (existsSync(chromiumPath)) {
    const pdf = join(home, 'report.pdf');
    await strata('report', 'roi', '--out', pdf, '--pdf');
    assert.equal((await readFile(pdf)).subarray(0, 5).toString(), '%PDF-');
  } else t.diagnostic(`no chromium at ${chromiumPath}: the PDF was not printed`);

  const businessCase = join(home, 'case.json');
  await writeFile(
    businessCase,
    JSON.stringify({
      daily_volume: 1000,
      tokens: { input: 1000, output: 500 },
      candidates: [{ model: 'openai/gpt-4o-mini', success_rate: 0.8 }],
      value_per_success_usd: 0.5,
      human_cost_per_task_usd: 2,
    }),
  );
  const simulation = JSON.parse((await strata('simulate', '--file', businessCase, '--json')).stdout) as {
    candidates: Array<{ monthly_requests: number; monthly_value_usd: number; sensitivity: unknown[] }>;
  };
  assert.equal(simulation.candidates[0]?.monthly_requests, 30_000);
  assert.equal(simulation.candidates[0]?.monthly_value_usd, 30_000 * 0.8 * 0.5);
  assert.equal(simulation.candidates[0]?.sensitivity.length, 3);

  const experiment = join(home, 'experiment.json');
  await writeFile(
    experiment,
    JSON.stringify({
      id: 'cheaper',
      target: 'support',
      horizon: 100,
      variants: [{ name: 'a' }, { name: 'b', model: 'openai/gpt-4o-mini' }],
    }),
  );
  assert.match(
    (await strata('experiments', 'create', '--file', experiment)).stdout,
    /Created \(stopped\): cheaper/,
  );
  assert.match(
    (await strata('experiments', 'start', 'cheaper')).stdout,
    /^cheaper {2}running {2}support by user/,
  );
  assert.match(
    (await strata('experiments', 'show', 'cheaper')).stdout,
    /Collecting: the smallest variant has 0 of the 100/,
  );
  assert.match(
    (await strata('experiments', 'sample-size', '--baseline', '0.5', '--effect', '0.1')).stdout,
    /^388 outcomes per variant/,
  );
  await assert.rejects(strata('experiments', 'start', 'missing'), /No experiment `missing`/);
});
