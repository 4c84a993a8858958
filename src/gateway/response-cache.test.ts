import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { connectTestRedis, testRedisUrl } from '../tokens/rate-limit/testing/redis.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

function startUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const stream = (JSON.parse(recorded.body) as { stream?: boolean }).stream === true;
    response.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    response.end(readFixture(stream ? 'openai/stream-content.sse' : 'openai/chat-completion.json'));
  });
}

const providers = (upstream: FakeUpstream) => ({
  openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
});
// A question no earlier run asked, so a cache shared between runs (Redis) cannot answer it.
const question = () => `What is ${randomBytes(6).toString('hex')}?`;

describe('the exact-match response cache', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startUpstream();
    gateway = await startGateway({
      providers: providers(upstream),
      cache: { enabled: true },
      routes: { auto: { fallback: ['openai/gpt-4o-mini'] } },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('a repeated request is answered without a provider call, at $0, with what it saved in the ledger', async () => {
    const content = question();
    const ask = (body: object) =>
      client.chat.completions
        .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }], ...body })
        .withResponse();
    const calls = upstream.requests.length;
    const first = await ask({ temperature: 0 });
    assert.equal(first.response.headers.get('x-strata-cache'), 'miss');
    const paid = Number(first.response.headers.get('x-strata-cost-usd'));
    assert.ok(paid > 0);
    // The same question with fields in another order and another end user is the same request.
    const second = await client.chat.completions
      .create({
        temperature: 0,
        messages: [{ role: 'user', content }],
        model: 'openai/gpt-4o-mini',
        user: 'u2',
      })
      .withResponse();
    assert.equal(second.response.headers.get('x-strata-cache'), 'hit');
    assert.equal(second.response.headers.get('x-strata-cost-usd'), '0');
    assert.deepEqual(second.data.choices, first.data.choices);
    assert.equal(upstream.requests.length, calls + 1, 'one provider call for two answers');

    const [row] = await gateway.ledgerOf(second.response);
    assert.equal(row?.purpose, 'cache_hit');
    assert.equal(row?.costUsd, 0);
    assert.equal(row?.savedUsd, paid);
    assert.equal(row?.inputTokens, 0);

    const other = await ask({ temperature: 1 });
    assert.equal(other.response.headers.get('x-strata-cache'), 'miss', 'a different request is not a hit');
  });

  test('a route is cached too: the hit names the model that answered and saves what the route cost', async () => {
    const content = question();
    const ask = () =>
      client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content }] }).withResponse();
    const first = await ask();
    assert.equal(first.response.headers.get('x-strata-cache'), 'miss');
    const second = await ask();
    assert.equal(second.response.headers.get('x-strata-cache'), 'hit');
    assert.equal(second.response.headers.get('x-strata-model'), 'gpt-4o-mini');
    const [row] = await gateway.ledgerOf(second.response);
    assert.equal(row?.savedUsd, Number(first.response.headers.get('x-strata-cost-usd')));
  });

  test('streams are not served from the cache', async () => {
    const calls = upstream.requests.length;
    const content = question();
    for (let round = 0; round < 2; round++) {
      const stream = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content }],
        stream: true,
      });
      for await (const _ of stream);
    }
    assert.equal(upstream.requests.length, calls + 2);
  });
});

test('with REDIS_URL, replicas share the cache', async (t) => {
  const connected = await connectTestRedis();
  if ('skip' in connected) return t.skip(connected.skip);
  await connected.redis.quit();
  const upstream = await startUpstream();
  const config = { providers: providers(upstream), cache: { enabled: true } };
  const environment = { REDIS_URL: testRedisUrl };
  const replicas = [await startGateway(config, { environment }), await startGateway(config, { environment })];
  try {
    const content = question();
    const statuses: Array<string | null> = [];
    for (const replica of replicas) {
      const response = await fetch(`${replica.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${replica.masterKey}` },
        body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }] }),
      });
      assert.equal(response.status, 200);
      statuses.push(response.headers.get('x-strata-cache'));
      await response.text();
      // The miss is written to Redis without blocking the response; give it a moment to land.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(statuses, ['miss', 'hit']);
    assert.equal(upstream.requests.length, 1);
  } finally {
    for (const replica of replicas) await replica.close();
    await upstream.close();
  }
});
