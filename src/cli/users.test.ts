import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strata } from './testing/run-cli.js';

test('strata teams and strata users manage the directory in the store', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-users-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };
  assert.equal((await strata(['teams', 'create', 'search', '--organisation', 'acme'], env)).code, 0);
  const created = await strata(
    ['users', 'create', '--id', 'ada', '--name', 'Ada', '--role', 'member', '--team', 'search', '--json'],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  assert.deepEqual((JSON.parse(created.stdout) as { teams: string[] }).teams, ['search']);
  const unknownTeam = await strata(
    ['users', 'create', '--name', 'Bo', '--role', 'viewer', '--team', 'nope'],
    env,
  );
  assert.notEqual(unknownTeam.code, 0);
  assert.match(unknownTeam.stderr, /No team with id `nope`/);
  const badRole = await strata(['users', 'create', '--name', 'Bo', '--role', 'root'], env);
  assert.match(badRole.stderr, /--role must be one of owner, admin, member, viewer, billing/);
  const set = await strata(['users', 'set', 'ada', '--role', 'billing', '--disable'], env);
  assert.equal(set.code, 0, set.stderr);
  const listed = await strata(['users', 'list', '--team', 'search'], env);
  assert.match(listed.stdout, /^ada {2}user {2}billing {2}Ada {2}teams search {2}DISABLED /m);
  const teams = await strata(['teams', 'list', '--json'], env);
  assert.deepEqual(
    (JSON.parse(teams.stdout) as Array<{ id: string; organisationId: string }>).map((team) => [
      team.id,
      team.organisationId,
    ]),
    [['search', 'acme']],
  );
});

test('strata organisations sets how long an organisation keeps captured content', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-organisations-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };
  const created = await strata(['organisations', 'create', 'acme', '--content-retention-days', '7'], env);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /^acme {2}acme {2}content 7$/m);
  const set = await strata(
    ['organisations', 'set', 'acme', '--content-retention-days', 'global', '--json'],
    env,
  );
  assert.equal(set.code, 0, set.stderr);
  assert.equal(
    (JSON.parse(set.stdout) as { contentRetentionDays: number | null }).contentRetentionDays,
    null,
  );
  const bad = await strata(['organisations', 'set', 'acme', '--content-retention-days', '0'], env);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--content-retention-days must be whole days from 1 or `global`/);
  const missing = await strata(['organisations', 'set', 'nobody', '--name', 'x'], env);
  assert.match(missing.stderr, /No organisation with id `nobody`/);
  const listed = await strata(['organisations', 'list'], env);
  assert.match(listed.stdout, /^acme {2}acme {2}content global$/m);
});
