import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../core/types.js';
import { allows, roles } from '../governance/roles.js';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { adminRoutesOf, permissionsReference, permissionsReferenceCommand } from './permissions-reference.js';
import { routeTableOf } from './route-table.js';
import { routeSamples, type Sample, sendSample, startSampleUpstream } from './testing/route-samples.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/**
 * One sample request per admin route: the shared samples, with the few this test points at its own
 * teams and users. A route added later needs a sample there and a `needs(...)` declaration; the test
 * then calls it with a key of every role.
 */
const samples: Record<string, Sample> = {
  ...Object.fromEntries(Object.entries(routeSamples).filter(([name]) => name.includes(' /admin/v1/'))),
  'GET /admin/v1/spend': { path: '/admin/v1/spend?group_by=team' },
  'PATCH /admin/v1/budgets/:id': { path: '/admin/v1/budgets/bud_missing', body: { limit_usd: 2 } },
  'GET /admin/v1/requests': { path: '/admin/v1/requests' },
  'PATCH /admin/v1/organisations/:id': {
    path: '/admin/v1/organisations/sample-org',
    body: { content_retention_days: 7 },
  },
  'GET /admin/v1/users': { path: '/admin/v1/users?team=search' },
  'GET /admin/v1/users/:id': { path: '/admin/v1/users/user-viewer' },
  'PATCH /admin/v1/users/:id': { path: '/admin/v1/users/user-billing', body: { name: 'billing' } },
};

const committed = new URL('../../../docs/permissions.md', import.meta.url);

describe('every admin route declares a permission, and each role gets exactly what the table gives it', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  /** A key per role, in team `search`, and a plain key of team `ads` whose spend a member must not see. */
  const keyOf = new Map<Role, string>();
  let adsKey = '';

  const send = (method: string, sample: Sample, key: string) => sendSample(gateway.url, method, sample, key);

  before(async () => {
    upstream = await startSampleUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [testPrice] },
      knowledge: { ingest_project_docs: false },
    });
    await gateway.stack.knowledge.createBase({ name: 'guide' });
    const directory = gateway.stack.access.directory;
    await directory.createTeam({ id: 'search' });
    for (const role of roles) {
      await directory.createUser({ id: `user-${role}`, name: role, role, teams: ['search'] }, 'owner');
      const created = await gateway.stack.keys.create({
        name: role,
        metadata: { team: 'search', user: `user-${role}` },
      });
      keyOf.set(role, created.key);
    }
    adsKey = (await gateway.stack.keys.create({ name: 'ads-app', metadata: { team: 'ads' } })).key;
    const chat = { model: 'openai/gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
    for (const key of [keyOf.get('member') ?? '', adsKey]) {
      const answered = await send('POST', { path: '/v1/chat/completions', body: chat }, key);
      assert.equal(answered.status, 200);
    }
    await gateway.stack.flush();
  });
  after(async () => {
    await upstream?.close();
    await gateway?.close();
  });

  test('a test walks the route table: every admin route declares a permission and has a sample here', () => {
    const admin = adminRoutesOf(routeTableOf(gateway.app));
    assert.ok(admin.length >= Object.keys(samples).length, `only ${admin.length} admin routes were tracked`);
    for (const route of admin) {
      const name = `${route.method} ${route.url}`;
      assert.ok(route.permission, `${name} declares no permission: use needs(...) from route-table.ts`);
      assert.ok(samples[name], `${name} has no sample request in this test: add one`);
    }
  });

  test('docs/permissions.md is the table the route table generates', () => {
    assert.ok(
      readFileSync(committed, 'utf8') === permissionsReference(routeTableOf(gateway.app)),
      `docs/permissions.md is out of date; run \`${permissionsReferenceCommand}\``,
    );
  });

  test('route by route, each role is refused exactly the routes its permissions leave out', async () => {
    for (const route of adminRoutesOf(routeTableOf(gateway.app))) {
      const name = `${route.method} ${route.url}`;
      const sample = samples[name];
      assert.ok(sample && route.permission);
      for (const role of roles) {
        const response = await send(route.method, sample, keyOf.get(role) ?? '');
        // Exports answer CSV or JSON lines; only errors need reading here, and they are JSON.
        const body = (response.status === 403 ? await response.json() : {}) as { error?: { code: string } };
        if (allows(role, route.permission)) {
          assert.notEqual(response.status, 403, `${role} was refused ${name}`);
          assert.ok(response.status < 500, `${name} as ${role} answered ${response.status}`);
        } else {
          assert.equal(response.status, 403, `${role} was let through ${name}`);
          assert.equal(body.error?.code, 'permission_denied');
        }
      }
      // A key without a role is refused every admin route.
      const plain = await send(route.method, sample, adsKey);
      assert.equal(plain.status, 403, `a key without a role was let through ${name}`);
    }
  });

  test('a viewer cannot change anything; billing sees spend only', async () => {
    for (const route of adminRoutesOf(routeTableOf(gateway.app))) {
      const sample = samples[`${route.method} ${route.url}`];
      assert.ok(sample);
      if (route.method !== 'GET') {
        const response = await send(route.method, sample, keyOf.get('viewer') ?? '');
        assert.equal(response.status, 403, `a viewer may ${route.method} ${route.url}`);
      }
      const billing = await send(route.method, sample, keyOf.get('billing') ?? '');
      const readsSpend = ['/admin/v1/spend', '/admin/v1/openapi.json', '/admin/v1/roles'].includes(route.url);
      assert.equal(billing.status === 403, !readsSpend, `billing on ${route.method} ${route.url}`);
    }
    const spend = await send('GET', { path: '/admin/v1/spend?group_by=team' }, keyOf.get('billing') ?? '');
    const groups = ((await spend.json()) as { data: Array<{ group: string }> }).data.map((row) => row.group);
    assert.deepEqual(groups.sort(), ['ads', 'search']);
  });

  test("a member sees their own team's keys and spend, no other team's", async () => {
    const member = keyOf.get('member') ?? '';
    const keys = await send('GET', { path: '/admin/v1/keys' }, member);
    const listed = ((await keys.json()) as { data: Array<{ name: string; metadata: { team?: string } }> })
      .data;
    assert.ok(listed.length >= roles.length);
    assert.ok(listed.every((key) => key.metadata.team === 'search'));
    assert.ok(!listed.some((key) => key.name === 'ads-app'));
    const spend = await send('GET', { path: '/admin/v1/spend?group_by=team' }, member);
    const groups = ((await spend.json()) as { data: Array<{ group: string }> }).data.map((row) => row.group);
    assert.deepEqual(groups, ['search']);
    const everyKey = await send('GET', { path: '/admin/v1/keys' }, gateway.masterKey);
    const all = ((await everyKey.json()) as { data: Array<{ name: string }> }).data;
    assert.ok(
      all.some((key) => key.name === 'ads-app'),
      'the master key sees every team',
    );
  });

  test('no caller grants a role above its own, nor mints a key for a user who holds one', async () => {
    const admin = keyOf.get('admin') ?? '';
    const byAdmin = await send(
      'POST',
      { path: '/admin/v1/keys', body: { name: 'escalate', metadata: { user: 'user-owner' } } },
      admin,
    );
    assert.equal(byAdmin.status, 403);
    const lower = await send(
      'POST',
      { path: '/admin/v1/keys', body: { name: 'helper', metadata: { user: 'user-viewer' } } },
      admin,
    );
    assert.equal(lower.status, 201);
    const owner = await send(
      'POST',
      { path: '/admin/v1/users', body: { name: 'boss', role: 'owner' } },
      admin,
    );
    assert.equal(owner.status, 403);
    const promote = await send(
      'PATCH',
      { path: '/admin/v1/users/user-viewer', body: { role: 'owner' } },
      admin,
    );
    assert.equal(promote.status, 403);
    const demoteOwner = await send(
      'PATCH',
      { path: '/admin/v1/users/user-owner', body: { role: 'viewer' } },
      admin,
    );
    assert.equal(demoteOwner.status, 403);
    const unknown = await send(
      'POST',
      { path: '/admin/v1/keys', body: { name: 'odd', metadata: { user: 'nobody' } } },
      gateway.masterKey,
    );
    assert.equal(unknown.status, 400);
  });
});
