import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { Store } from './database.js';
import { createLedgerWriter } from './ledger.js';
import { createLedgerQueries } from './ledger-queries.js';
import { ledgerRow } from './ledger-testing.js';
import { eachDialect } from './testing/each-dialect.js';

async function countOf(store: Store, requestId: string): Promise<number> {
  const row = await store.db
    .selectFrom('ledger')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

eachDialect('ledger writer', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('round-trips every field, tags and nulls included', async () => {
    const writer = createLedgerWriter(store, { flushIntervalMs: 60_000 });
    const row = ledgerRow({
      team: 'search',
      user: 'alice\u0000',
      tags: ['beta', 'eu'],
      feature: 'summaries',
      cachedInputTokens: 3,
      cacheWriteTokens: 2,
      reasoningTokens: 1,
      costUsd: null,
      priceVersion: null,
      usageEstimated: true,
    });
    writer.record(row);
    await writer.close();
    const [stored] = await createLedgerQueries(store.db, store.dialect).rowsOf(row.requestId);
    assert.deepEqual(stored, { ...row, user: 'alice' });
  });

  it('writes each (request, attempt) exactly once, even when the same row is flushed again', async () => {
    const writer = createLedgerWriter(store, { flushIntervalMs: 60_000 });
    const first = ledgerRow({ status: 200 });
    writer.record(first);
    await writer.flush();
    writer.record({ ...first, status: 500 });
    writer.record({ ...first, attempt: 2, purpose: 'retry' });
    await writer.close();
    const rows = await createLedgerQueries(store.db, store.dialect).rowsOf(first.requestId);
    assert.deepEqual(
      rows.map((row) => [row.attempt, row.purpose, row.status]),
      [
        [1, 'primary', 200],
        [2, 'retry', 200],
      ],
    );
  });

  it('keeps rows whose insert failed and stores them once the database is back', async () => {
    const errors: unknown[] = [];
    const writer = createLedgerWriter(store, {
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const rows = [ledgerRow(), ledgerRow()];
    await sql`alter table ledger rename to ledger_away`.execute(store.db);
    try {
      for (const row of rows) writer.record(row);
      await assert.rejects(writer.flush());
    } finally {
      await sql`alter table ledger_away rename to ledger`.execute(store.db);
    }
    await writer.close();
    for (const row of rows) assert.equal(await countOf(store, row.requestId), 1);
  });

  it('flushes on its own timer and as soon as a batch is full', async () => {
    const writer = createLedgerWriter(store, { flushIntervalMs: 10, batchSize: 2 });
    const rows = [ledgerRow(), ledgerRow(), ledgerRow()];
    for (const row of rows) writer.record(row);
    for (let tries = 0; tries < 100; tries++) {
      const counts = await Promise.all(rows.map((row) => countOf(store, row.requestId)));
      if (counts.every((count) => count === 1)) return writer.close();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail('the rows were not flushed without close()');
  });
});
