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
import { createRequestLogWriter, type RequestLogRow } from '../store/request-log.js';
import { createTraceWriter } from '../store/traces.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

function logRow(requestId: string, createdAt: string, status: number, latencyMs: number): RequestLogRow {
  return {
    requestId,
    createdAt,
    endpoint: '/v1/chat/completions',
    keyId: 'key_a',
    requestedModel: 'gpt-4o-mini',
    servedModel: 'gpt-4o-mini',
    provider: 'openai',
    status,
    errorCode: status >= 400 ? 'upstream_error' : null,
    stream: false,
    latencyMs,
    ttftMs: null,
    inputTokens: 10,
    outputTokens: 5,
    cachedInputTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    costUsd: 0.0015,
    priceVersion: 'v1',
  };
}

test('strata requests lists and explains requests; strata stats buckets them', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-requests-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const store = await openDatabase({ home });
  const requests = createRequestLogWriter(store);
  const ledger = createLedgerWriter(store);
  const traces = createTraceWriter(store);
  requests.record(logRow('req_one', '2026-12-01T10:00:01.000Z', 200, 100));
  requests.record(logRow('req_two', '2026-12-01T10:30:00.000Z', 502, 300));
  requests.record(logRow('req_three', '2026-12-01T11:05:00.000Z', 200, 200));
  ledger.record(ledgerRow({ requestId: 'req_one', createdAt: '2026-12-01T10:00:01.000Z' }));
  traces.record({
    requestId: 'req_one',
    traceId: 'a'.repeat(32),
    sessionId: 'thread-7',
    createdAt: '2026-12-01T10:00:01.000Z',
    // A row as written before traces were stored as reports: its spans as they are.
    report: JSON.stringify([
      { name: 'chat gpt-4o-mini', startedAt: 1000, endedAt: 1100 },
      { name: 'strata.budget.reserve', startedAt: 1001, endedAt: 1002 },
    ]),
  });
  await Promise.all([requests.close(), ledger.close(), traces.close()]);
  await store.close();
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };

  const listed = await run(process.execPath, [mainScript, 'requests', '--status', 'error'], { env });
  const lines = listed.stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^request\s+time\s+model\s+served by\s+status/);
  assert.match(
    lines[1] ?? '',
    /^req_two\s+2026-12-01 10:30:00\s+gpt-4o-mini\s+openai\/gpt-4o-mini\s+502 upstream_error\s+300/,
  );
  assert.equal(lines.length, 2);

  const shown = await run(process.execPath, [mainScript, 'requests', 'req_one'], { env });
  assert.match(shown.stdout, /trace a{32}\s+session thread-7/);
  assert.match(shown.stdout, /^1\s+primary\s+openai\/gpt-4o-mini\s+200/m);
  assert.match(shown.stdout, /^ {2}strata\.budget\.reserve\s+\+1\.0 ms\s+1\.0 ms$/m);

  const stats = await run(process.execPath, [mainScript, 'stats', '--json'], { env });
  const report = JSON.parse(stats.stdout) as {
    data: Array<{ bucket: string; requests: number; errors: number; latencyMs: { p50: number } }>;
  };
  assert.deepEqual(
    report.data.map((point) => [point.bucket, point.requests, point.errors, point.latencyMs.p50]),
    [
      ['2026-12-01T10', 2, 1, 100],
      ['2026-12-01T11', 1, 0, 200],
    ],
  );
  await assert.rejects(
    run(process.execPath, [mainScript, 'stats', '--bucket', 'week'], { env }),
    /--bucket must be one of/,
  );
  await assert.rejects(
    run(process.execPath, [mainScript, 'requests', 'req_missing'], { env }),
    /No request `req_missing`/,
  );
});
