import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { connectTestRedis, testRedisUrl } from '../tokens/rate-limit/testing/redis.js';
import { spawnServe } from './testing/serve-process.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Answers every chat call from recordings; model `slow` takes a moment first. */
function startRecordedOpenAI(): Promise<FakeUpstream> {
  return startFakeUpstream(async (recorded, response) => {
    const body = JSON.parse(recorded.body) as { model: string; stream?: boolean };
    if (body.model === 'slow') await sleep(300);
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(readFixture('openai/stream-content.sse'));
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
}

describe('rate limits at the gateway', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startRecordedOpenAI();
    gateway = await startGateway({
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      limits: {
        rate_limits: [
          { scope: 'model', match: 'fake/limited', requests_per_minute: 2, tokens_per_minute: 10_000 },
          { scope: 'model', match: 'fake/slow', concurrent: 1 },
        ],
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const ask = (model: string) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  test('past the limit, a 429 with Retry-After and x-ratelimit headers arrives as RateLimitError and is logged', async () => {
    // Admitted calls say what is left, as OpenAI's own responses do.
    const { response: first } = await client.chat.completions
      .create({ model: 'fake/limited', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(first.headers.get('x-ratelimit-limit-requests'), '2');
    assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '1');
    assert.equal(first.headers.get('x-ratelimit-limit-tokens'), '10000');
    assert.ok(Number(first.headers.get('x-ratelimit-remaining-tokens')) < 10_000);
    const { response: second } = await client.chat.completions
      .create({ model: 'fake/limited', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    assert.equal(second.headers.get('x-ratelimit-remaining-requests'), '0', 'streams carry them too');
    await second.text();
    const refusal = await ask('fake/limited').then(
      () => assert.fail('the third request should be refused'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof OpenAI.RateLimitError, String(refusal));
    assert.equal(refusal.code, 'rate_limited');
    assert.equal(refusal.type, 'rate_limit_error');
    assert.match(refusal.message, /Rate limit of 2 requests per minute for model fake\/limited reached/);
    assert.equal(refusal.headers.get('retry-after'), '30');
    assert.equal(refusal.headers.get('x-ratelimit-limit-requests'), '2');
    assert.equal(refusal.headers.get('x-ratelimit-remaining-requests'), '0');
    assert.match(refusal.headers.get('x-ratelimit-reset-requests') ?? '', /^(59(\.\d)?s|1m0s)$/);
    assert.equal(refusal.headers.get('x-ratelimit-limit-tokens'), '10000');
    assert.ok(Number(refusal.headers.get('x-ratelimit-remaining-tokens')) < 10_000);

    const requestId = refusal.headers.get('x-request-id');
    assert.ok(requestId);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(requestId);
    assert.equal(row?.status, 429);
    assert.equal(row?.errorCode, 'rate_limited');
  });

  test('a concurrency slot is held for the call and given back when it ends, streams included', async () => {
    const [first, second] = await Promise.allSettled([ask('fake/slow'), ask('fake/slow')]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    assert.ok(second.reason instanceof OpenAI.RateLimitError);
    assert.match(second.reason.message, /Concurrency limit of 1 requests at once for model fake\/slow/);
    for (let round = 0; round < 3; round++) {
      const stream = await client.chat.completions.create({
        model: 'fake/slow',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const _chunk of stream);
      // The slot is released when the stream's summary settles, just after its last chunk.
      await sleep(20);
    }
  });
});

test('two gateway processes sharing one Redis admit exactly N requests per minute between them', async (t) => {
  const connected = await connectTestRedis();
  if ('skip' in connected) return t.skip(connected.skip);
  await connected.redis.quit();
  const upstream = await startRecordedOpenAI();
  // A key of its own per run, so runs sharing the Redis never count against each other.
  const keyName = `replicas-${randomBytes(6).toString('hex')}`;
  const secret = `sk-strata-${randomBytes(16).toString('hex')}`;
  const limit = 5;
  const homes = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), 'strata-replica-'))));
  const servers = await Promise.all(
    homes.map(async (home) => {
      const configPath = join(home, 'strata.yaml');
      await writeFile(
        configPath,
        [
          'providers:',
          '  fake:',
          '    kind: openai-compatible',
          `    base_url: ${upstream.url}/v1`,
          'keys:',
          `  - { name: ${keyName}, key: ${secret} }`,
          'limits:',
          '  rate_limits:',
          `    - { scope: key, match: "config:${keyName}", requests_per_minute: ${limit} }`,
          '',
        ].join('\n'),
      );
      return spawnServe(configPath, { STRATA_HOME: home, REDIS_URL: testRedisUrl });
    }),
  );
  t.after(async () => {
    for (const server of servers) server.process.kill('SIGKILL');
    await upstream.close();
    for (const home of homes) await rm(home, { recursive: true, force: true });
  });
  const urls = await Promise.all(servers.map((server) => server.url));

  const statuses = await Promise.all(
    Array.from({ length: 2 * limit }, async (_, index) => {
      const response = await request(`${urls[index % 2]}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      await response.body.dump();
      return response.statusCode;
    }),
  );
  assert.equal(statuses.filter((status) => status === 200).length, limit, `statuses: ${statuses}`);
  assert.equal(statuses.filter((status) => status === 429).length, limit, `statuses: ${statuses}`);
});
