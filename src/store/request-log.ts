import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
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

export type { RequestLogRow } from './request-log-row.js';

/** Tuning for the batched request log writer. */
export interface RequestLogWriterOptions {
  /** Rows that trigger a flush before the timer does (default 200). */
  batchSize?: number;
  /** Longest time a row waits in memory before a flush starts (default 250 ms). */
  flushIntervalMs?: number;
  /** Called when a background flush fails; the rows stay queued and the next flush retries them. */
  onError?: (error: unknown) => void;
}

/**
 * Writes request log rows off the hot path, in batches. Rows recorded after close() are still
 * accepted and flushed at once, so a request finishing during shutdown is not lost; await close()
 * or flush() again to know they are durable.
 */
export interface RequestLogWriter {
  /** Queues a row; never waits and never does I/O on the caller's tick. */
  record(row: RequestLogRow): void;
  /** Resolves once every row recorded before the call is stored; rejects if an insert failed. */
  flush(): Promise<void>;
  /** Stops the timer and flushes everything queued; rejects (rows kept) if an insert failed. */
  close(): Promise<void>;
}

// SQLite refuses a statement with more than 32,766 bound parameters; PostgreSQL allows 65,535.
const rowsPerStatement = Math.floor(32_766 / requestLogColumnCount);

const defaults = {
  batchSize: 200,
  flushIntervalMs: 250,
  onError: (error: unknown) => process.emitWarning(`Request log flush failed; will retry: ${String(error)}`),
} satisfies Required<RequestLogWriterOptions>;

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

/** Builds a writer that batches rows into multi-row INSERTs, retried without duplicates. */
export function createRequestLogWriter(
  store: Store,
  options: RequestLogWriterOptions = {},
): RequestLogWriter {
  const { batchSize, flushIntervalMs, onError } = { ...defaults, ...options };
  const queue: RequestLogRow[] = [];
  // Running totals: rows ever recorded, ever stored, and covered by a flush already scheduled.
  let recorded = 0;
  let stored = 0;
  let targeted = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDelay = 0;
  let chain: Promise<void> = Promise.resolve();
  const insertSqlite = store.sqlite && sqliteInserter(store.sqlite);

  async function storeUntil(target: number): Promise<void> {
    while (stored < target) {
      // The queue's front is rows not yet stored; only flushes remove rows and they run one at a time.
      const count = Math.min(target - stored, rowsPerStatement);
      const rows = queue.slice(0, count);
      if (insertSqlite) insertSqlite(rows);
      else {
        await store.db
          .insertInto('request_log')
          .values(rows.map(toRequestLogColumns))
          .onConflict((conflict) => conflict.column('request_id').doNothing())
          .execute();
      }
      queue.splice(0, count);
      stored += count;
    }
  }

  function cancelTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  // Flushes always start from a timer, even a full batch's, so inserts never run on the caller's tick.
  function scheduleFlush(delayMs: number): void {
    if (timer !== undefined && timerDelay <= delayMs) return;
    cancelTimer();
    timerDelay = delayMs;
    timer = setTimeout(() => {
      timer = undefined;
      flush().catch(onError);
    }, delayMs);
    timer.unref();
  }

  function flush(): Promise<void> {
    cancelTimer();
    const target = recorded;
    targeted = target;
    const run = chain.then(() => storeUntil(target));
    chain = run.then(afterFlush, afterFlush);
    return run;
  }

  function afterFlush(): void {
    // Rows that failed, or arrived after this flush was scheduled, go out with a later one; failed rows
    // wait a full interval so an outage is not retried in a tight loop.
    if (queue.length > 0) scheduleFlush(recorded - targeted >= batchSize ? 0 : flushIntervalMs);
  }

  return {
    record(row) {
      queue.push(row);
      recorded += 1;
      scheduleFlush(closed || recorded - targeted >= batchSize ? 0 : flushIntervalMs);
    },
    flush,
    close() {
      closed = true;
      return flush();
    },
  };
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
