import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { type BatchWriter, type BatchWriterOptions, createBatchWriter } from './batch-writer.js';
import type { Store } from './database.js';
import {
  fromRequestLogColumns,
  type RequestLogRow,
  requestLogColumnCount,
  requestLogColumns,
  toRequestLogColumns,
  toRequestLogValues,
} from './request-log-row.js';
import type { Schema } from './schema.js';
import type { WriteAheadFile } from './write-ahead-file.js';

export type { RequestLogRow } from './request-log-row.js';

/** Tuning for the batched request log writer, and its write-ahead file. */
export interface RequestLogWriterOptions extends BatchWriterOptions {
  journal?: WriteAheadFile<RequestLogRow> | undefined;
}

/** Writes request log rows off the hot path, in batches, each exactly once (by request id). */
export type RequestLogWriter = BatchWriter<RequestLogRow>;

// SQLite refuses a statement with more than 32,766 bound parameters; PostgreSQL allows 65,535.
const rowsPerStatement = Math.floor(32_766 / requestLogColumnCount);

/**
 * On SQLite, one prepared single-row statement run in a transaction: preparing a fresh multi-row
 * statement for every batch cost more CPU than the requests being logged.
 */
function sqliteInserter(sqlite: SqliteDatabase.Database): (rows: RequestLogRow[]) => void {
  const statement = sqlite.prepare(
    `INSERT INTO request_log (${requestLogColumns.join(', ')}) VALUES (${requestLogColumns.map(() => '?').join(', ')}) ON CONFLICT (request_id) DO NOTHING`,
  );
  return sqlite.transaction((rows: RequestLogRow[]) => {
    // Positional binding: cheaper than matching named parameters to object keys for every row.
    for (const row of rows) statement.run(toRequestLogValues(row));
  });
}

/** Stores request log rows, skipping those already stored: the writer's and a replay's insert. */
export function requestLogInserter(store: Store): (rows: RequestLogRow[]) => void | Promise<void> {
  const insertSqlite = store.sqlite && sqliteInserter(store.sqlite);
  if (insertSqlite) return insertSqlite;
  return async (rows) => {
    await store.db
      .insertInto('request_log')
      .values(rows.map(toRequestLogColumns))
      .onConflict((conflict) => conflict.column('request_id').doNothing())
      .execute();
  };
}

/** Builds a writer that batches rows into multi-row INSERTs, retried without duplicates. */
export function createRequestLogWriter(
  store: Store,
  options: RequestLogWriterOptions = {},
): RequestLogWriter {
  return createBatchWriter<RequestLogRow>(
    {
      name: 'Request log',
      maxRowsPerInsert: rowsPerStatement,
      insert: requestLogInserter(store),
      journal: options.journal,
    },
    options,
  );
}

/** Reads the request log for the admin API. */
export interface RequestLogReader {
  /** Newest rows first; `before` is an exclusive ISO timestamp cursor, `keyId` narrows to one key. */
  list(query: {
    limit: number;
    keyId?: string | undefined;
    before?: string | undefined;
  }): Promise<RequestLogRow[]>;
  /** The row for one request, or undefined. */
  get(requestId: string): Promise<RequestLogRow | undefined>;
}

/** Builds the request log reader on an open store. */
export function createRequestLogReader(db: Kysely<Schema>): RequestLogReader {
  return {
    async list({ limit, keyId, before }) {
      let query = db.selectFrom('request_log').selectAll();
      if (keyId !== undefined) query = query.where('key_id', '=', keyId);
      if (before !== undefined) query = query.where('created_at', '<', before);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(fromRequestLogColumns);
    },
    async get(requestId) {
      const row = await db
        .selectFrom('request_log')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRequestLogColumns(row);
    },
  };
}
