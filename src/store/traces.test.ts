import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../core/ids.js';
import { ownTraceId } from '../core/trace-context.js';
import { migrateToLatest } from './migrations.js';
import { eachDialect } from './testing/each-dialect.js';
import { createTraceReader, createTraceWriter, type TraceRow } from './traces.js';

const reader = (store: { db: Parameters<typeof createTraceReader>[0] }) =>
  createTraceReader(store.db, (report) => [report]);

eachDialect('traces', (context) => {
  it("stores a trace id only for a caller's trace, and finds a trace's calls either way", async () => {
    const store = await context.open();
    const writer = createTraceWriter(store);
    // A call that starts its trace, two calls that continue it (a client passing `x-strata-trace-id` back
    // as `traceparent`), and one call in a trace of the client's own.
    const [first, second, third, other] = [0, 1, 2, 3].map(() => newId('req')) as [
      string,
      string,
      string,
      string,
    ];
    const started = ownTraceId(first);
    const foreign = 'f'.repeat(32);
    const row = (requestId: string, traceId: string, second: number): TraceRow => ({
      requestId,
      traceId,
      sessionId: null,
      createdAt: `2026-12-07T10:00:0${second}.000Z`,
      report: JSON.stringify({ requestId }),
    });
    writer.record(row(first, started, 0));
    writer.record(row(second, started, 1));
    writer.record(row(third, started, 2));
    writer.record(row(other, foreign, 3));
    await writer.close();

    const stored = await store.db.selectFrom('traces').select(['request_id', 'trace_id']).execute();
    assert.deepEqual(
      new Map(stored.map((entry) => [entry.request_id, entry.trace_id])),
      new Map([
        [first, null],
        [second, started],
        [third, started],
        [other, foreign],
      ]),
    );
    const traces = reader(store);
    assert.deepEqual(
      (await traces.byTrace(started)).map((trace) => [trace.requestId, trace.traceId]),
      [first, second, third].map((id) => [id, started]),
    );
    assert.deepEqual(
      (await traces.byTrace(foreign)).map((trace) => trace.requestId),
      [other],
    );
    assert.equal((await traces.byRequest(first))?.traceId, started);
    assert.deepEqual(await traces.byTrace('0'.repeat(32)), []);
  });

  it('moves traces stored before 0019 into the table keyed by request id, every row and column kept', async () => {
    const store = await context.open();
    // The table as 0008, 0015 and 0017 left it, with one own and one continued trace in it.
    await sql`delete from kysely_migration where name = '0019_traces_by_request'`.execute(store.db);
    await store.db.schema.dropTable('traces').execute();
    await sql`create table traces (request_id text primary key, trace_id text not null, session_id text, created_at text not null, report text not null)`.execute(
      store.db,
    );
    await sql`create index traces_trace_id on traces (trace_id)`.execute(store.db);
    await sql`create index traces_session on traces (session_id, created_at) where session_id is not null`.execute(
      store.db,
    );
    await sql`create index traces_created_at on traces (created_at)`.execute(store.db);
    const own = newId('req');
    const continued = newId('req');
    const caller = 'c'.repeat(32);
    const ownRow = {
      request_id: own,
      trace_id: ownTraceId(own),
      session_id: 'thread-1',
      created_at: '2026-12-01T00:00:00.000Z',
      report: '{"a":1}',
    };
    const continuedRow = {
      request_id: continued,
      trace_id: caller,
      session_id: null,
      created_at: '2026-12-01T00:00:01.000Z',
      report: '[{"name":"chat m"}]',
    };
    await store.db.insertInto('traces').values([ownRow, continuedRow]).execute();

    const applied = await migrateToLatest(store.db, store.dialect);
    assert.deepEqual(
      applied.map((result) => [result.migrationName, result.status]),
      [['0019_traces_by_request', 'Success']],
    );
    const rows = await store.db.selectFrom('traces').selectAll().orderBy('request_id').execute();
    // The own trace's id is the request id's: only the caller's is kept.
    assert.deepEqual(rows, [{ ...ownRow, trace_id: null }, continuedRow]);
    const traces = reader(store);
    assert.deepEqual(
      (await traces.byTrace(ownTraceId(own))).map((trace) => trace.requestId),
      [own],
    );
    assert.deepEqual(
      (await traces.byTrace(caller)).map((trace) => trace.requestId),
      [continued],
    );
    assert.deepEqual(
      (await traces.session('thread-1')).map((trace) => trace.requestId),
      [own],
    );
  });
});
