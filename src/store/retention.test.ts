import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { firstIdAt } from '../core/ids.js';
import type { Store } from './database.js';
import { createLedgerWriter } from './ledger.js';
import { ledgerRow } from './ledger-testing.js';
import { createRequestLogWriter } from './request-log.js';
import { createRetention } from './retention.js';
import { eachDialect } from './testing/each-dialect.js';
import { createTraceWriter } from './traces.js';

const now = new Date('2026-12-07T12:00:00.000Z');
const daysAgo = (days: number, minute: number) =>
  new Date(now.getTime() - days * 86_400_000 - minute * 60_000).toISOString();
// Request ids are time-ordered, as the gateway makes them: traces are aged by theirs.
const requestIdOf = (index: number, createdAt: string) =>
  `${firstIdAt('req', Date.parse(createdAt))}${String(index).padStart(20, '0')}`;
const requestIds: string[] = [];

async function count(store: Store, table: 'traces' | 'request_log' | 'ledger'): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

eachDialect('retention', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
    const traces = createTraceWriter(store, { flushIntervalMs: 60_000 });
    const requests = createRequestLogWriter(store, { flushIntervalMs: 60_000 });
    const ledger = createLedgerWriter(store, { flushIntervalMs: 60_000 });
    // 60 calls a day apart in minutes: 20 from 40 days ago, 40 from today.
    for (let index = 0; index < 60; index += 1) {
      const createdAt = index < 20 ? daysAgo(40, index) : daysAgo(0, index);
      const requestId = requestIdOf(index, createdAt);
      requestIds.push(requestId);
      traces.record({
        requestId,
        traceId: 'a'.repeat(32),
        sessionId: null,
        createdAt,
        report: JSON.stringify({ requestId }),
      });
      requests.record({
        requestId,
        createdAt,
        endpoint: '/v1/chat/completions',
        keyId: null,
        requestedModel: 'm',
        servedModel: 'm',
        provider: 'p',
        status: 200,
        errorCode: null,
        stream: false,
        latencyMs: 1,
        ttftMs: null,
        inputTokens: 1,
        outputTokens: 1,
        cachedInputTokens: null,
        reasoningTokens: null,
        usageEstimated: false,
        costUsd: 0.001,
        priceVersion: 'v',
      });
      ledger.record(ledgerRow({ requestId, createdAt }));
    }
    await Promise.all([traces.close(), requests.close(), ledger.close()]);
  });

  it('removes records past their age, then the oldest past the row cap, and keeps the ledger by its own rule', async () => {
    const retention = createRetention(store.db, store.dialect);
    const deleted = await retention.purge(
      {
        traces: { maxAgeDays: 14, maxRows: 25 },
        request_log: { maxAgeDays: 90 },
        ledger: { maxAgeDays: 30 },
      },
      now,
    );
    assert.deepEqual(deleted, { traces: 35, request_log: 0, ledger: 20 });
    assert.equal(await count(store, 'traces'), 25);
    assert.equal(await count(store, 'request_log'), 60);
    assert.equal(await count(store, 'ledger'), 40);
    // The newest traces are the ones kept.
    const kept = await store.db.selectFrom('traces').select('request_id').execute();
    assert.deepEqual(kept.map((row) => row.request_id).sort(), requestIds.slice(20, 45).sort());
    assert.deepEqual(await retention.purge({ traces: { maxRows: 25 } }, now), {
      traces: 0,
      request_log: 0,
      ledger: 0,
    });
  });

  it('one replica holds the purge lease at a time, until it lapses', async () => {
    const retention = createRetention(store.db, store.dialect);
    assert.equal(await retention.claim('replica-a', 60_000, now), true);
    assert.equal(await retention.claim('replica-b', 60_000, now), false);
    assert.equal(
      await retention.claim('replica-a', 60_000, new Date(now.getTime() + 30_000)),
      true,
      'renewed',
    );
    const later = new Date(now.getTime() + 120_000);
    assert.equal(await retention.claim('replica-b', 60_000, later), true, 'a lapsed lease is taken over');
    assert.equal(await retention.claim('replica-a', 60_000, later), false);
  });
});
