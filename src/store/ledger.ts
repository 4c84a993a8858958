import type SqliteDatabase from 'better-sqlite3';
import type { Store } from './database.js';
import { type LedgerRow, ledgerColumns, toLedgerColumns, toLedgerValues } from './ledger-row.js';

export type { LedgerPurpose, LedgerRow } from './ledger-row.js';

/** Tuning for the batched ledger writer. */
export interface LedgerWriterOptions {
  /** Rows that trigger a flush before the timer does (default 200). */
  batchSize?: number;
  /** Longest time a row waits in memory before a flush starts (default 250 ms). */
  flushIntervalMs?: number;
  /** Called when a background flush fails; the rows stay queued and the next flush retries them. */
  onError?: (error: unknown) => void;
}

/**
 * Writes ledger rows off the hot path, in batches, each exactly once: a retried insert skips rows whose
 * (request_id, attempt) is already stored. Rows recorded after close() are flushed at once.
 */
export interface LedgerWriter {
  /** Queues a row; never waits and never does I/O on the caller's tick. */
  record(row: LedgerRow): void;
  /** Resolves once every row recorded before the call is stored; rejects if an insert failed. */
  flush(): Promise<void>;
  /** Stops the timer and flushes everything queued; rejects (rows kept) if an insert failed. */
  close(): Promise<void>;
}

// SQLite refuses a statement with more than 32,766 bound parameters; PostgreSQL allows 65,535.
const rowsPerStatement = Math.floor(32_766 / ledgerColumns.length);

const defaults = {
  batchSize: 200,
  flushIntervalMs: 250,
  onError: (error: unknown) => process.emitWarning(`Ledger flush failed; will retry: ${String(error)}`),
} satisfies Required<LedgerWriterOptions>;

/** On SQLite, one prepared single-row statement run in a transaction, as the request log does. */
function sqliteInserter(sqlite: SqliteDatabase.Database): (rows: LedgerRow[]) => void {
  const columns = ledgerColumns.map((column) => `"${column}"`).join(', ');
  const statement = sqlite.prepare(
    `INSERT INTO ledger (${columns}) VALUES (${ledgerColumns.map(() => '?').join(', ')}) ON CONFLICT (request_id, attempt) DO NOTHING`,
  );
  return sqlite.transaction((rows: LedgerRow[]) => {
    for (const row of rows) statement.run(toLedgerValues(row));
  });
}

/** Builds a writer that batches ledger rows into multi-row INSERTs, retried without duplicates. */
export function createLedgerWriter(store: Store, options: LedgerWriterOptions = {}): LedgerWriter {
  const { batchSize, flushIntervalMs, onError } = { ...defaults, ...options };
  const queue: LedgerRow[] = [];
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
          .insertInto('ledger')
          .values(rows.map(toLedgerColumns))
          .onConflict((conflict) => conflict.columns(['request_id', 'attempt']).doNothing())
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
    // Failed rows wait a full interval so an outage is not retried in a tight loop.
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
