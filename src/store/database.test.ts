import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { StrataError } from '../core/errors.js';
import { type OpenDatabaseOptions, openDatabase } from './database.js';
import { migrationNames } from './migrations.js';
import { eachDialect } from './testing/each-dialect.js';

describe('openDatabase on SQLite', () => {
  it('creates the home folder and a WAL database tuned for a server', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strata-store-'));
    const home = join(root, 'nested', 'home');
    try {
      const store = await openDatabase({ home });
      try {
        assert.equal(store.dialect, 'sqlite');
        assert.ok(existsSync(join(home, 'strata.db')));
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
        assert.equal(await pragma('journal_mode'), 'wal');
        assert.equal(await pragma('busy_timeout'), 5000);
        assert.equal(await pragma('synchronous'), 1);
      } finally {
        await store.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('rejects an unknown URL scheme before touching anything', async () => {
    await assert.rejects(
      openDatabase({ url: 'redis://127.0.0.1:6379', home: tmpdir() }),
      (error: unknown) => {
        assert.ok(error instanceof StrataError);
        assert.equal(error.code, 'config_invalid');
        return true;
      },
    );
  });
});

describe('openDatabase on PostgreSQL', () => {
  it('names the server, but not the password, when it cannot be reached', async () => {
    const url = 'postgres://strata:secret-password@127.0.0.1:1/strata';
    await assert.rejects(openDatabase({ url, home: tmpdir() }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /postgres database at postgres:\/\/strata:\*\*\*@127\.0\.0\.1:1\/strata/);
      assert.doesNotMatch(error.message, /secret-password/);
      return true;
    });
  });
});

/** Opens the store in a separate Node process, as a second gateway replica would. */
function openInChildProcess(location: OpenDatabaseOptions): Promise<number | null> {
  const module = new URL('./database.js', import.meta.url).href;
  const script = `
    const { openDatabase } = await import(${JSON.stringify(module)});
    const store = await openDatabase(JSON.parse(process.env.STRATA_TEST_LOCATION));
    await store.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    env: { ...process.env, STRATA_TEST_LOCATION: JSON.stringify(location) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

eachDialect('migrations across processes', (context) => {
  it('lets several processes start at once on an empty database', async () => {
    const exitCodes = await Promise.all([1, 2, 3].map(() => openInChildProcess(context.location)));
    assert.deepEqual(exitCodes, [0, 0, 0]);
    const store = await context.open();
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      store.db,
    );
    assert.deepEqual(
      applied.rows.map((row) => row.name),
      migrationNames,
    );
  });
});
