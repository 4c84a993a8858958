import type SqliteDatabase from 'better-sqlite3';
import { type BatchWriter, type BatchWriterOptions, createBatchWriter } from './batch-writer.js';
import type { Store } from './database.js';
import { type LedgerRow, ledgerColumns, toLedgerColumns, toLedgerValues } from './ledger-row.js';
import type { WriteAheadFile } from './write-ahead-file.js';

export type { LedgerPurpose, LedgerRow } from './ledger-row.js';

/** Tuning for the batched ledger writer, and its write-ahead file. */
export interface LedgerWriterOptions extends BatchWriterOptions {
  journal?: WriteAheadFile<LedgerRow> | undefined;
}

/**
 * Writes ledger rows off the hot path, in batches, each exactly once: a retried insert skips rows whose
 * (request_id, attempt) is already stored.
 */
export type LedgerWriter = BatchWriter<LedgerRow>;

// SQLite refuses a statement with more than 32,766 bound parameters; PostgreSQL allows 65,535.
const rowsPerStatement = Math.floor(32_766 / ledgerColumns.length);

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

/** Stores ledger rows, skipping those already stored: the writer's and a replay's insert. */
export function ledgerInserter(store: Store): (rows: LedgerRow[]) => void | Promise<void> {
  const insertSqlite = store.sqlite && sqliteInserter(store.sqlite);
  if (insertSqlite) return insertSqlite;
  return async (rows) => {
    await store.db
      .insertInto('ledger')
      .values(rows.map(toLedgerColumns))
      .onConflict((conflict) => conflict.columns(['request_id', 'attempt']).doNothing())
      .execute();
  };
}

/** Builds a writer that batches ledger rows into multi-row INSERTs, retried without duplicates. */
export function createLedgerWriter(store: Store, options: LedgerWriterOptions = {}): LedgerWriter {
  return createBatchWriter<LedgerRow>(
    {
      name: 'Ledger',
      maxRowsPerInsert: rowsPerStatement,
      insert: ledgerInserter(store),
      journal: options.journal,
    },
    options,
  );
}
