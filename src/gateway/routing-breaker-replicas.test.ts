import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import OpenAI from 'openai';
import { startCueUpstream } from '../routing/testing/cue-upstream.js';
import { connectTestRedis, testRedisUrl } from '../tokens/rate-limit/testing/redis.js';
import { serveMasterKey, spawnServe } from './testing/serve-process.js';

const masterKey = serveMasterKey;

test('a breaker opened by one gateway process is open in another sharing its Redis', async (t) => {
  const connected = await connectTestRedis();
  if ('skip' in connected) return t.skip(connected.skip);
  await connected.redis.quit();
  const upstream = await startCueUpstream();
  // A model name of its own per run, so runs sharing the Redis never share a breaker.
  const flaky = `flaky-${randomBytes(6).toString('hex')}`;
  const homes = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), 'strata-breaker-'))));
  const servers = await Promise.all(
    homes.map(async (home) => {
      const configPath = join(home, 'strata.yaml');
      await writeFile(
        configPath,
        [
          'providers:',
          `  local: { kind: openai-compatible, base_url: "${upstream.url}/v1" }`,
          'routes:',
          '  guarded:',
          `    fallback: [local/${flaky}, local/b]`,
          '    retries: { max: 0 }',
          '    breaker: { failures: 2, cooldown_ms: 60000 }',
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
  const [one, two] = await Promise.all(servers.map((server) => server.url));
  const clientOf = (url: string | undefined) =>
    new OpenAI({ baseURL: `${url}/v1`, apiKey: masterKey, maxRetries: 0 });
  const ask = (client: OpenAI) =>
    client.chat.completions
      .create({ model: 'guarded', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();

  upstream.cue(flaky, { status: 500 }, { status: 500 });
  await ask(clientOf(one));
  await ask(clientOf(one));
  assert.equal(upstream.requestsFor(flaky).length, 2);

  const { data, response } = await ask(clientOf(two));
  assert.equal(data.choices[0]?.message.content, 'answer from b');
  assert.equal(upstream.requestsFor(flaky).length, 2, 'the second process sent nothing to the open breaker');
  assert.match(response.headers.get('x-strata-route') ?? '', /skipped:breaker_open/);
});
