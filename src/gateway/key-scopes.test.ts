import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { startSampleUpstream } from './testing/route-samples.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('key scopes: models, expiry, address allow-list, tags and the owner who must stay active', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startSampleUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [testPrice] },
      aliases: { fast: 'openai/gpt-4o-mini' },
      knowledge: { ingest_project_docs: false },
    });
  });
  after(async () => {
    await upstream?.close();
    await gateway?.close();
  });

  /** Creates a key through the admin API, as an operator would. */
  async function keyWith(metadata: Record<string, unknown>): Promise<{ status: number; key: string }> {
    const response = await fetch(`${gateway.url}/admin/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'scoped', metadata }),
    });
    const body = (await response.json()) as { key?: string };
    return { status: response.status, key: body.key ?? '' };
  }

  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const ask = (key: string, model: string) =>
    client(key).chat.completions.create({
      model,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });

  test('a key limited to some models, aliases or routes is refused any other with 403', async () => {
    const { key } = await keyWith({ models: ['fast', 'openai/gpt-4o*'] });
    assert.equal((await ask(key, 'fast')).choices[0]?.message.content, 'ok');
    assert.equal((await ask(key, 'openai/gpt-4o-mini')).choices[0]?.message.content, 'ok');
    const before = upstream.requests.length;
    await assert.rejects(ask(key, 'openai/gpt-4.1'), (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 403);
      assert.equal(error.code, 'permission_denied');
      assert.equal(error.param, 'model');
      return true;
    });
    assert.equal(upstream.requests.length, before, 'a refused call never reaches the provider');
  });

  test('an expired key no longer authenticates, and an expiry in the past or malformed is refused', async () => {
    const soon = new Date(Date.now() + 600).toISOString();
    const { key } = await keyWith({ expires_at: soon });
    assert.equal((await ask(key, 'fast')).choices[0]?.message.content, 'ok');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await assert.rejects(ask(key, 'fast'), (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      return true;
    });
    assert.equal((await keyWith({ expires_at: 'next tuesday' })).status, 400);
    assert.equal((await keyWith({ expires_at: '2020-01-01T00:00:00Z' })).status, 400);
  });

  test('a key with an address allow-list works from inside it and is refused from outside', async () => {
    const inside = await keyWith({ allowed_ips: ['127.0.0.0/8', '::1'] });
    assert.equal((await ask(inside.key, 'fast')).choices[0]?.message.content, 'ok');
    const outside = await keyWith({ allowed_ips: ['10.0.0.0/8', '2001:db8::/32'] });
    await assert.rejects(ask(outside.key, 'fast'), (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 403);
      assert.equal(error.code, 'permission_denied');
      return true;
    });
    assert.equal((await keyWith({ allowed_ips: ['10.0.0.0/33'] })).status, 400);
    assert.equal((await keyWith({ allowed_ips: ['not-an-address'] })).status, 400);
  });

  test("a key's tags are on every ledger row of its calls, beside the request's own", async () => {
    const { key } = await keyWith({ tags: ['mobile', 'beta'] });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'fast',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
        metadata: { tags: 'checkout,beta' },
      }),
    });
    assert.equal(response.status, 200);
    const [row] = await gateway.ledgerOf(response);
    assert.deepEqual([...(row?.tags ?? [])].sort(), ['beta', 'checkout', 'mobile']);
  });

  test("a key belongs to a user in a team: it takes the user's team, and stops when the user is disabled", async () => {
    const directory = gateway.stack.access.directory;
    await directory.createTeam({ id: 'payments' });
    await directory.createUser(
      { id: 'svc-billing-bot', kind: 'service', name: 'billing bot', role: 'member', teams: ['payments'] },
      'owner',
    );
    const elsewhere = await keyWith({ user: 'svc-billing-bot', team: 'ads' });
    assert.equal(elsewhere.status, 400, 'a key cannot sit in a team its owner is not in');
    const owned = await keyWith({ user: 'svc-billing-bot' });
    assert.equal(owned.status, 201);
    const me = await fetch(`${gateway.url}/v1/key`, { headers: { authorization: `Bearer ${owned.key}` } });
    assert.deepEqual(
      (({ team, role }) => ({ team, role }))((await me.json()) as { team: string; role: string }),
      { team: 'payments', role: 'member' },
    );
    assert.equal((await ask(owned.key, 'fast')).choices[0]?.message.content, 'ok');
    const disabled = await fetch(`${gateway.url}/admin/v1/users/svc-billing-bot`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    assert.equal(disabled.status, 200);
    // The key was just verified and cached; disabling its user takes effect at the next call all the same.
    await assert.rejects(ask(owned.key, 'fast'), (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 401);
      return true;
    });
  });
});
