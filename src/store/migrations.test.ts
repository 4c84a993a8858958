import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, migrationNames } from './migrations.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('migrations', (context) => {
  it('applies every migration once, even when two opens race', async () => {
    const [first, second] = await Promise.all([context.open(), context.open()]);
    assert.ok(first !== undefined && second !== undefined);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      first.db,
    );
    assert.deepEqual(
      applied.rows.map((row) => row.name),
      migrationNames,
    );
  });

  it('is idempotent: opening again and migrating again change nothing', async () => {
    const store = await context.open();
    assert.deepEqual(await migrateToLatest(store.db, store.dialect), []);
    const again = await context.open();
    const count = await again.db
      .selectFrom('api_keys')
      .select((expression) => expression.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(count.count, 0, 'counts come back as numbers on both dialects');
  });

  it('creates the tables the repositories use, with request_id unique', async () => {
    const store = await context.open();
    const row = {
      request_id: 'req_unique',
      created_at: new Date().toISOString(),
      endpoint: '/v1/chat/completions',
      status: 200,
      stream: 0,
      latency_ms: 5,
      usage_estimated: 0,
    };
    await store.db.insertInto('request_log').values(row).execute();
    await assert.rejects(store.db.insertInto('request_log').values(row).execute());
    const tables = await store.db.introspection.getTables();
    const names = new Set(tables.map((table) => table.name));
    for (const name of ['api_keys', 'settings', 'request_log']) assert.ok(names.has(name), name);
  });

  it('applies a migration numbered before one the store already ran', async () => {
    const store = await context.open();
    // As a store migrated by a build without 0012: its row and tables gone, 0015 already applied.
    await store.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '0012_access' as never)
      .execute();
    for (const table of ['organisations', 'teams', 'users', 'team_members', 'audit_log'])
      await store.db.schema.dropTable(table).execute();
    const applied = await migrateToLatest(store.db, store.dialect);
    assert.deepEqual(
      applied.map((result) => [result.migrationName, result.status]),
      [['0012_access', 'Success']],
    );
  });
});
