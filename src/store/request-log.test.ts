import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Store } from './database.js';
import { createRequestLogReader, createRequestLogWriter, type RequestLogRow } from './request-log.js';
import { eachDialect } from './testing/each-dialect.js';

let sequence = 0;

function row(overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  sequence += 1;
  return {
    requestId: `req_${sequence}_${Math.random().toString(36).slice(2)}`,
    createdAt: new Date().toISOString(),
    endpoint: '/v1/chat/completions',
    keyId: 'key_default',
    requestedModel: 'gpt-4o-mini',
    servedModel: 'gpt-4o-mini-2024-07-18',
    provider: 'openai',
    status: 200,
    errorCode: null,
    stream: false,
    latencyMs: 120,
    ttftMs: null,
    inputTokens: 10,
    outputTokens: 20,
    cachedInputTokens: 0,
    reasoningTokens: null,
    usageEstimated: false,
    costUsd: 0.000018,
    priceVersion: 'test-prices',
    ...overrides,
  };
}

async function countRows(store: Store, requestIds: string[]): Promise<number> {
  const result = await store.db
    .selectFrom('request_log')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('request_id', 'in', requestIds)
    .executeTakeFirstOrThrow();
  return Number(result.count);
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await delay(10);
  }
}

eachDialect('request log', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('stores every recorded row exactly once by close(), across several statements', async () => {
    const writer = createRequestLogWriter(store, { batchSize: 5000, flushIntervalMs: 60_000 });
    const rows = Array.from({ length: 2500 }, () => row({ keyId: 'key_bulk' }));
    for (const entry of rows) writer.record(entry);
    await writer.close();
    assert.equal(
      await countRows(
        store,
        rows.map((entry) => entry.requestId),
      ),
      2500,
    );
    const distinct = await sql<{ count: number }>`
      select count(distinct request_id) as count from request_log where key_id = 'key_bulk'`.execute(
      store.db,
    );
    assert.equal(Number(distinct.rows[0]?.count), 2500);
  });

  it('round-trips every field', async () => {
    const writer = createRequestLogWriter(store);
    const entry = row({
      stream: true,
      usageEstimated: true,
      ttftMs: 35,
      reasoningTokens: 7,
      status: 429,
      errorCode: 'upstream_rate_limited',
    });
    writer.record(entry);
    await writer.close();
    assert.deepEqual(await createRequestLogReader(store.db).get(entry.requestId), entry);
  });

  it('keeps the guardrail verdicts that acted on a call', async () => {
    const writer = createRequestLogWriter(store);
    const guardrails = JSON.stringify([
      { rule: 'pii', side: 'input', outcome: 'flag', entities: ['EMAIL_ADDRESS'] },
    ]);
    const entry = row({ guardrails });
    writer.record(entry);
    await writer.close();
    assert.equal((await createRequestLogReader(store.db).get(entry.requestId))?.guardrails, guardrails);
  });

  it('stores rows the database would otherwise refuse, so they cannot block the queue', async () => {
    const writer = createRequestLogWriter(store);
    const entry = row({ requestedModel: 'bad\u0000model', latencyMs: 12.6, ttftMs: Number.NaN });
    writer.record(entry);
    await writer.close();
    const stored = await createRequestLogReader(store.db).get(entry.requestId);
    assert.equal(stored?.requestedModel, 'badmodel');
    assert.equal(stored?.latencyMs, 13);
    assert.equal(stored?.ttftMs, 0);
  });

  it('flushes on its timer without close()', async () => {
    const writer = createRequestLogWriter(store, { flushIntervalMs: 20 });
    const rows = [row(), row(), row()];
    for (const entry of rows) writer.record(entry);
    const ids = rows.map((entry) => entry.requestId);
    await eventually(async () => (await countRows(store, ids)) === 3, 'the timer flushed three rows');
    await writer.close();
  });

  it('flushes as soon as a batch is full', async () => {
    const writer = createRequestLogWriter(store, { batchSize: 4, flushIntervalMs: 60_000 });
    const rows = [row(), row(), row(), row()];
    for (const entry of rows) writer.record(entry);
    const ids = rows.map((entry) => entry.requestId);
    await eventually(async () => (await countRows(store, ids)) === 4, 'a full batch was flushed');
    await writer.close();
  });

  it('keeps the first row when a request id is already stored (a retried insert never duplicates)', async () => {
    const original = row({ status: 200 });
    await store.db
      .insertInto('request_log')
      .values({
        request_id: original.requestId,
        created_at: original.createdAt,
        endpoint: original.endpoint,
        status: 200,
        stream: 0,
        latency_ms: 1,
        usage_estimated: 0,
      })
      .execute();
    const writer = createRequestLogWriter(store);
    const fresh = row();
    writer.record({ ...original, status: 500 });
    writer.record(fresh);
    await writer.close();
    assert.equal(await countRows(store, [original.requestId]), 1);
    assert.equal((await createRequestLogReader(store.db).get(original.requestId))?.status, 200);
    assert.equal(await countRows(store, [fresh.requestId]), 1);
  });

  it('retries rows whose insert failed instead of dropping them', async () => {
    const errors: unknown[] = [];
    const writer = createRequestLogWriter(store, {
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const rows = [row(), row()];
    // A real outage: the table is away while the flush runs, then comes back.
    await sql`alter table request_log rename to request_log_away`.execute(store.db);
    try {
      for (const entry of rows) writer.record(entry);
      await assert.rejects(writer.flush());
    } finally {
      await sql`alter table request_log_away rename to request_log`.execute(store.db);
    }
    await writer.close();
    assert.equal(
      await countRows(
        store,
        rows.map((entry) => entry.requestId),
      ),
      2,
    );
  });

  it('still stores rows recorded after close(), right away', async () => {
    const writer = createRequestLogWriter(store, { flushIntervalMs: 60_000 });
    await writer.close();
    const late = row();
    writer.record(late);
    await eventually(async () => (await countRows(store, [late.requestId])) === 1, 'the late row was stored');
    await writer.close();
  });

  it('lists newest first, filtered by key and before a timestamp', async () => {
    const writer = createRequestLogWriter(store);
    const times = ['2031-01-01T00:00:00.000Z', '2031-01-02T00:00:00.000Z', '2031-01-03T00:00:00.000Z'];
    const rows = times.map((createdAt) => row({ createdAt, keyId: 'key_listing' }));
    for (const entry of rows) writer.record(entry);
    writer.record(row({ createdAt: '2031-01-04T00:00:00.000Z', keyId: 'key_other' }));
    await writer.close();
    const reader = createRequestLogReader(store.db);
    const listed = await reader.list({ limit: 10, keyId: 'key_listing' });
    assert.deepEqual(
      listed.map((entry) => entry.createdAt),
      [...times].reverse(),
    );
    const page = await reader.list({ limit: 1, keyId: 'key_listing', before: times[2] });
    assert.deepEqual(
      page.map((entry) => entry.requestId),
      [rows[1]?.requestId],
    );
    assert.equal(await reader.get('req_missing'), undefined);
  });
});
