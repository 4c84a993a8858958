import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { ownTraceId, starterOfTrace } from '../core/trace-context.js';
import { type BatchWriter, type BatchWriterOptions, createBatchWriter } from './batch-writer.js';
import type { Store } from './database.js';
import type { Schema } from './schema.js';

/** One call's trace as stored: its report as JSON text, serialised when the call ended. */
export interface TraceRow {
  requestId: string;
  traceId: string;
  sessionId: string | null;
  createdAt: string;
  report: string;
}

/** A stored trace as read back, with its spans. */
export interface StoredTrace {
  requestId: string;
  traceId: string;
  sessionId: string | null;
  createdAt: string;
  spans: unknown[];
}

// PostgreSQL refuses NUL characters in text, and one bad row would block every later flush (JSON escapes
// them already, so only the session id needs it).
const storable = (text: string) => text.replaceAll('\u0000', '');

// A call that started its own trace needs no trace id column (nor an index entry): it is the request id's.
const continuedTrace = (row: TraceRow) => (row.traceId === ownTraceId(row.requestId) ? null : row.traceId);

/** On SQLite, one prepared single-row statement run in a transaction, as the request log does. */
function sqliteInserter(sqlite: SqliteDatabase.Database): (rows: TraceRow[]) => void {
  const statement = sqlite.prepare(
    'INSERT INTO traces (request_id, trace_id, session_id, created_at, report) VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING',
  );
  return sqlite.transaction((rows: TraceRow[]) => {
    for (const row of rows)
      statement.run(
        row.requestId,
        continuedTrace(row),
        row.sessionId === null ? null : storable(row.sessionId),
        row.createdAt,
        row.report,
      );
  });
}

/** Writes traces off the hot path in batches, each exactly once (by request id). */
export function createTraceWriter(store: Store, options: BatchWriterOptions = {}): BatchWriter<TraceRow> {
  const insertSqlite = store.sqlite && sqliteInserter(store.sqlite);
  return createBatchWriter<TraceRow>(
    {
      name: 'Traces',
      maxRowsPerInsert: 1000,
      insert: async (rows) => {
        if (insertSqlite) return insertSqlite(rows);
        await store.db
          .insertInto('traces')
          .values(
            rows.map((row) => ({
              request_id: row.requestId,
              trace_id: continuedTrace(row),
              session_id: row.sessionId === null ? null : storable(row.sessionId),
              created_at: row.createdAt,
              report: row.report,
            })),
          )
          .onConflict((conflict) => conflict.column('request_id').doNothing())
          .execute();
      },
    },
    options,
  );
}

/** The ids a trace row keeps in columns, which a stored report may leave out. */
export interface TraceRowIds {
  requestId: string;
  traceId: string;
  sessionId: string | null;
}

/** Turns a stored report into its spans; a layer above the store knows how. */
export type SpansOfReport = (report: object, ids: TraceRowIds) => unknown[];

function reading(spansOf: SpansOfReport) {
  return (row: Schema['traces']): StoredTrace => {
    const stored: unknown = JSON.parse(row.report);
    const ids = {
      requestId: row.request_id,
      traceId: row.trace_id ?? ownTraceId(row.request_id),
      sessionId: row.session_id,
    };
    return {
      ...ids,
      createdAt: row.created_at,
      // Rows written before traces were stored as reports hold their spans already.
      spans: Array.isArray(stored) ? stored : spansOf(stored as object, ids),
    };
  };
}

/** A conversation: the calls that named one session id. */
export interface SessionSummary {
  sessionId: string;
  requests: number;
  firstAt: string;
  lastAt: string;
}

/** Reads stored traces for the query API. */
export interface TraceReader {
  byRequest(requestId: string): Promise<StoredTrace | undefined>;
  byTrace(traceId: string): Promise<StoredTrace[]>;
  /** The request ids of a session, oldest first. */
  session(sessionId: string): Promise<StoredTrace[]>;
  /** Sessions, most recently active first; `before` is an exclusive cursor on their last activity. */
  sessions(query: { limit: number; before?: string | undefined }): Promise<SessionSummary[]>;
}

/** Builds the trace reader on an open store. */
export function createTraceReader(db: Kysely<Schema>, spansOf: SpansOfReport): TraceReader {
  const fromColumns = reading(spansOf);
  return {
    async byRequest(requestId) {
      const row = await db
        .selectFrom('traces')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row && fromColumns(row);
    },
    async byTrace(traceId) {
      // The call that started the trace stores no trace id: it is found by its request id.
      const rows = await db
        .selectFrom('traces')
        .selectAll()
        .where((eb) => eb.or([eb('trace_id', '=', traceId), eb('request_id', '=', starterOfTrace(traceId))]))
        .orderBy('created_at')
        .execute();
      return rows.map(fromColumns);
    },
    async session(sessionId) {
      const rows = await db
        .selectFrom('traces')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .limit(1000)
        .execute();
      return rows.map(fromColumns);
    },
    async sessions({ limit, before }) {
      let query = db
        .selectFrom('traces')
        .select((eb) => [
          'session_id',
          eb.fn.countAll<number | string>().as('requests'),
          eb.fn.min('created_at').as('first_at'),
          eb.fn.max('created_at').as('last_at'),
        ])
        .where('session_id', 'is not', null)
        .groupBy('session_id');
      if (before !== undefined) query = query.having((eb) => eb.fn.max('created_at'), '<', before);
      const rows = await query.orderBy('last_at', 'desc').limit(limit).execute();
      return rows.map((row) => ({
        sessionId: row.session_id ?? '',
        requests: Number(row.requests),
        firstAt: row.first_at,
        lastAt: row.last_at,
      }));
    },
  };
}
