import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type Dialect, type OpenDatabaseOptions, openDatabase, type Store } from '../database.js';

/** What a suite gets for one dialect: a fresh, empty database location of its own. */
export interface DialectContext {
  readonly dialect: Dialect;
  /** Options that open this suite's database; set once the suite's before hook ran. */
  readonly location: OpenDatabaseOptions;
  /** Opens (and migrates) a store on this suite's location; it is closed after the suite. */
  open(): Promise<Store>;
}

/** The PostgreSQL server the store tests use; trust auth, overridable with TEST_DATABASE_URL. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

/** Runs the suite once per dialect, each in its own temporary folder or PostgreSQL schema. */
export function eachDialect(title: string, suite: (context: DialectContext) => void): void {
  for (const dialect of dialects) {
    describe(`${title} (${dialect})`, async () => {
      if (dialect === 'postgres') {
        const problem = await postgresProblem();
        if (problem !== undefined) {
          const reason = `PostgreSQL at ${redact(testDatabaseUrl)} is unreachable (${problem}); set TEST_DATABASE_URL or start it`;
          if (process.env.CI) it('PostgreSQL is reachable', () => Promise.reject(new Error(reason)));
          else it('PostgreSQL suites', { skip: reason }, () => {});
          return;
        }
      }
      registerSuite(dialect, suite);
    });
  }
}

function registerSuite(dialect: Dialect, suite: (context: DialectContext) => void): void {
  let location: OpenDatabaseOptions | undefined;
  let cleanUp: () => Promise<void> = async () => {};
  const stores: Store[] = [];
  before(async () => {
    const place = dialect === 'sqlite' ? await createTemporaryFolder() : await createTemporarySchema();
    location = place.location;
    cleanUp = place.cleanUp;
  });
  after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await cleanUp();
  });
  suite({
    dialect,
    get location() {
      if (location === undefined) throw new Error('The database location exists only inside tests.');
      return location;
    },
    async open() {
      const store = await openDatabase(this.location);
      stores.push(store);
      return store;
    },
  });
}

async function createTemporaryFolder() {
  const home = await mkdtemp(join(tmpdir(), 'strata-store-'));
  return { location: { home }, cleanUp: () => rm(home, { recursive: true, force: true }) };
}

async function createTemporarySchema() {
  const schema = `strata_test_${Math.random().toString(36).slice(2, 12)}`;
  await administer(`create schema ${schema}`);
  const url = new URL(testDatabaseUrl);
  const options = [url.searchParams.get('options'), `-c search_path=${schema}`].filter(Boolean).join(' ');
  url.searchParams.set('options', options);
  return {
    location: { url: url.toString(), home: tmpdir() },
    cleanUp: () => administer(`drop schema if exists ${schema} cascade`),
  };
}

async function administer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let probe: Promise<string | undefined> | undefined;

/** Why PostgreSQL cannot be used, or undefined when it answers; asked once per process. */
function postgresProblem(): Promise<string | undefined> {
  probe ??= administer('select 1').then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message || error.name : String(error)),
  );
  return probe;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
