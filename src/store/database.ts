import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type Dialect, resolveDatabaseTarget } from './database-url.js';
import { migrateToLatest } from './migrations.js';
import type { Schema } from './schema.js';

export type { Dialect } from './database-url.js';

/** An open, migrated database and how to close it. */
export interface Store {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** The raw SQLite handle, for the few hot paths that reuse prepared statements (embedded store only). */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/** Where to open the store: DATABASE_URL when set, else an SQLite file in the Strata home folder. */
export interface OpenDatabaseOptions {
  url?: string | undefined;
  home: string;
}

/**
 * Migrates a PostgreSQL store. Kysely's check for its migration table looks through every schema of the
 * database, so a schema another process drops at that moment fails the check; that failure names a
 * schema other than ours and is safe to retry.
 */
async function migrateDespiteVanishingSchemas(store: Store): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(store.db, 'postgres');
      return;
    } catch (error) {
      const vanished = /schema "[^"]+" does not exist/.test(String((error as Error).message));
      if (!vanished || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Opens the embedded SQLite store or a PostgreSQL pool, and migrates it before returning. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Store> {
  const target = resolveDatabaseTarget(options);
  const store =
    target.dialect === 'sqlite' ? openSqlite(target.file) : await openPostgres(target.connectionString);
  try {
    if (target.dialect === 'sqlite') await inTurn(target.file, () => migrateToLatest(store.db, 'sqlite'));
    else await migrateDespiteVanishingSchemas(store);
  } catch (error) {
    await store.close();
    const where = target.dialect === 'sqlite' ? target.file : withoutPassword(target.connectionString);
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(`Could not prepare the ${target.dialect} database at ${where}: ${reason}`, {
      cause: error,
    });
  }
  return store;
}

// better-sqlite3 waits for a busy file synchronously, so a second connection in this process would block
// the event loop while the first one holds the migration lock across awaits: opens of one file take turns.
const sqliteTurns = new Map<string, Promise<unknown>>();

async function inTurn(file: string, run: () => Promise<unknown>): Promise<void> {
  const current = (sqliteTurns.get(file) ?? Promise.resolve()).catch(() => {}).then(run);
  sqliteTurns.set(file, current);
  try {
    await current;
  } finally {
    if (sqliteTurns.get(file) === current) sqliteTurns.delete(file);
  }
}

function openSqlite(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // busy_timeout first, so switching to WAL waits for another process instead of failing.
  database.pragma('busy_timeout = 5000');
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: preparedOnce(database) }) });
  return { db, dialect: 'sqlite', sqlite: database, close: () => db.destroy() };
}

/**
 * The database as Kysely sees it, with each SQL text prepared once: Kysely prepares every query anew,
 * and SQLite's parsing and planning cost more than running most of Strata's queries (the two queries
 * that lock a budget window took about 40% less in a micro-benchmark). Kysely runs one query at a time
 * on its connection, so a statement is never reused while it runs. The least recently used of
 * `capacity` texts is dropped first.
 */
function preparedOnce(database: SqliteDatabase.Database, capacity = 256) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(source: string): SqliteDatabase.Statement {
      let statement = statements.get(source);
      if (statement === undefined) {
        statement = database.prepare(source);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
      } else statements.delete(source);
      statements.set(source, statement);
      return statement;
    },
    close: () => database.close(),
  };
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

const int8Oid = 20;

// The PostgreSQL client is loaded only when the store is PostgreSQL.
async function openPostgres(connectionString: string): Promise<Store> {
  const { default: pg } = await import('pg');
  // 64-bit integers (bigserial ids, count(*)) are parsed as numbers, as SQLite returns them.
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
      if (oid === int8Oid && format !== 'binary') return Number;
      return pg.types.getTypeParser(oid, format ?? 'text');
    },
  };
  const pool = new pg.Pool({ connectionString, types });
  // An idle client whose server connection drops is discarded by the pool and the next query reconnects;
  // without a listener the 'error' event would end the process.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
