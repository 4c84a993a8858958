import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../store/database.js';
import { strata } from './testing/run-cli.js';

test('strata audit verify finds a tampered row; strata audit export writes JSON lines', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-audit-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };
  assert.equal((await strata(['teams', 'create', 'search'], env)).code, 0);
  assert.equal(
    (await strata(['users', 'create', '--id', 'ada', '--name', 'Ada', '--role', 'viewer'], env)).code,
    0,
  );
  const created = await strata(
    ['keys', 'create', '--name', 'app', '--metadata', '{"user":"ada"}', '--json'],
    env,
  );
  const secret = (JSON.parse(created.stdout) as { key: string }).key;
  const clean = await strata(['audit', 'verify'], env);
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /intact: 3 rows/);

  const out = join(home, 'audit.jsonl');
  assert.equal((await strata(['audit', 'export', '--out', out], env)).code, 0);
  const lines = (await readFile(out, 'utf8')).trim().split('\n');
  assert.deepEqual(
    lines.map((line) => (JSON.parse(line) as { action: string }).action),
    ['team.create', 'user.create', 'key.create'],
  );
  assert.ok(!lines.join('\n').includes(secret), 'the export holds no key secret');

  const store = await openDatabase({ home });
  await store.db.updateTable('audit_log').set({ actor: 'nobody' }).where('seq', '=', 2).execute();
  await store.close();
  const tampered = await strata(['audit', 'verify'], env);
  assert.equal(tampered.code, 1);
  assert.match(tampered.stdout, /row 2: edited/);
});
