import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('the audit log records admin actions and refusals, and the admin API reads and verifies it', () => {
  let gateway: TestGateway;
  let viewerKey = '';
  let createdSecret = '';

  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  before(async () => {
    gateway = await startGateway({ knowledge: { ingest_project_docs: false } });
    const master = gateway.masterKey;
    assert.equal((await call('POST', '/admin/v1/teams', master, { id: 'search' })).status, 201);
    const user = await call('POST', '/admin/v1/users', master, {
      id: 'vera',
      name: 'Vera',
      email: 'vera@example.com',
      role: 'viewer',
      teams: ['search'],
    });
    assert.equal(user.status, 201);
    const key = await call('POST', '/admin/v1/keys', master, {
      name: 'vera-dash',
      metadata: { user: 'vera' },
    });
    const created = (await key.json()) as { key: string; id: string };
    viewerKey = created.key;
    const app = await call('POST', '/admin/v1/keys', master, {
      name: 'app',
      metadata: { team: 'search', note: 'x' },
    });
    createdSecret = ((await app.json()) as { key: string }).key;
    assert.equal(
      (
        await call('POST', '/admin/v1/budgets', master, {
          scope: 'team',
          match: 'search',
          period: 'daily',
          limit_usd: 5,
        })
      ).status,
      201,
    );
    assert.equal((await call('PATCH', '/admin/v1/users/vera', master, { role: 'billing' })).status, 200);
    assert.equal((await call('PATCH', '/admin/v1/users/vera', master, { role: 'viewer' })).status, 200);
    // A refusal is an access decision too.
    assert.equal(
      (
        await call('POST', '/admin/v1/budgets', viewerKey, {
          scope: 'team',
          match: 'x',
          period: 'daily',
          limit_usd: 1,
        })
      ).status,
      403,
    );
  });
  after(() => gateway?.close());

  test('each change and refusal is a row, newest first, naming the actor, the route and the target', async () => {
    const response = await call('GET', '/admin/v1/audit?limit=50', gateway.masterKey);
    assert.equal(response.status, 200);
    const rows = ((await response.json()) as { data: Array<Record<string, unknown>> }).data;
    const summary = rows.map((row) => [
      row.actor,
      row.action,
      row.target,
      (row.detail as { status: number }).status,
    ]);
    assert.deepEqual(summary.reverse(), [
      ['master', 'POST /admin/v1/teams', 'search', 201],
      ['master', 'POST /admin/v1/users', 'vera', 201],
      ['master', 'POST /admin/v1/keys', summary[2]?.[2], 201],
      ['master', 'POST /admin/v1/keys', summary[3]?.[2], 201],
      ['master', 'POST /admin/v1/budgets', null, 201],
      ['master', 'PATCH /admin/v1/users/:id', 'vera', 200],
      ['master', 'PATCH /admin/v1/users/:id', 'vera', 200],
      ['user:vera', 'POST /admin/v1/budgets', null, 403],
    ]);
    assert.match(String(summary[2]?.[2]), /^key_/, 'a created key is the target of its row');
    const roleChange = rows.findLast((row) => row.action === 'PATCH /admin/v1/users/:id');
    assert.deepEqual((roleChange?.detail as { role?: string } | undefined)?.role, 'billing');
  });

  test('no row holds a key secret, the master key or a free-form field such as an email', async () => {
    const response = await call('GET', '/admin/v1/audit?limit=1000', gateway.masterKey);
    const text = await response.text();
    for (const secret of [createdSecret, viewerKey, gateway.masterKey, 'vera@example.com', '"note"'])
      assert.ok(!text.includes(secret), `the audit log holds ${secret.slice(0, 12)}…`);
  });

  test('a viewer may not read the audit log (and that refusal is audited); the chain verifies', async () => {
    assert.equal((await call('GET', '/admin/v1/audit', viewerKey)).status, 403);
    const verdict = await call('GET', '/admin/v1/audit/verify', gateway.masterKey);
    const body = (await verdict.json()) as { ok: boolean; rows: number };
    assert.equal(body.ok, true);
    assert.equal(body.rows, 9);
    const page = (await (await call('GET', '/admin/v1/audit?limit=2', gateway.masterKey)).json()) as {
      data: Array<{ seq: number }>;
      next_before: number;
    };
    assert.deepEqual(
      page.data.map((row) => row.seq),
      [9, 8],
    );
    const older = (await (
      await call('GET', `/admin/v1/audit?limit=2&before=${page.next_before}`, gateway.masterKey)
    ).json()) as {
      data: Array<{ seq: number }>;
    };
    assert.deepEqual(
      older.data.map((row) => row.seq),
      [7, 6],
    );
  });
});
