import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectTestRedis, randomPrefix } from '../../tokens/rate-limit/testing/redis.js';
import type { BreakerStore } from './breaker-store.js';
import { createLocalBreakers } from './local-breakers.js';
import { createRedisBreakers } from './redis-breakers.js';

const settings = { failures: 2, cooldownMs: 100 };

/** The same behaviour from every store: closed -> open -> half-open (one probe) -> closed or open again. */
async function lifecycle(breakers: BreakerStore, wait: (ms: number) => Promise<void>) {
  const key = 'p/m';
  assert.equal((await breakers.allow(key, settings)).state, 'closed');
  await breakers.failure(key, settings);
  assert.deepEqual(await breakers.allow(key, settings), { state: 'closed', dirty: true });
  assert.deepEqual(await breakers.states(), [], 'a breaker counting failures is still closed');
  await breakers.failure(key, settings);
  assert.equal((await breakers.allow(key, settings)).state, 'open', 'two failures open it');
  assert.deepEqual(await breakers.states(), [{ key, state: 'open' }]);
  await wait(120);
  assert.deepEqual(await breakers.states(), [{ key, state: 'half_open' }], 'reading takes no probe');
  assert.equal((await breakers.allow(key, settings)).state, 'half_open', 'after the cooldown, one probe');
  assert.equal((await breakers.allow(key, settings)).state, 'open', 'and only one');
  await breakers.failure(key, settings);
  assert.equal((await breakers.allow(key, settings)).state, 'open', 'a failed probe opens it again');
  await wait(120);
  assert.equal((await breakers.allow(key, settings)).state, 'half_open');
  await breakers.success(key);
  assert.deepEqual(
    await breakers.allow(key, settings),
    { state: 'closed', dirty: false },
    'a good probe closes it',
  );
  assert.deepEqual(await breakers.states(), []);
}

describe('circuit breakers', () => {
  test('in process', async () => {
    let now = 0;
    await lifecycle(
      createLocalBreakers(() => now),
      async (ms) => {
        now += ms;
      },
    );
  });

  describe('in Redis, shared by every replica', async () => {
    const connected = await connectTestRedis();
    const skip = 'skip' in connected ? connected.skip : false;
    const redis = 'redis' in connected ? connected.redis : undefined;
    after(() => redis?.disconnect());

    test('the same lifecycle', { skip }, async () => {
      if (!redis) return;
      await lifecycle(createRedisBreakers(redis, randomPrefix()), (ms) => sleep(ms));
    });

    test('failures counted by one replica open the breaker for another', { skip }, async () => {
      if (!redis) return;
      const prefix = randomPrefix();
      const one = createRedisBreakers(redis, prefix);
      const two = createRedisBreakers(redis, prefix);
      await one.failure('p/m', settings);
      await two.failure('p/m', settings);
      assert.equal((await one.allow('p/m', settings)).state, 'open');
      assert.equal((await two.allow('p/m', settings)).state, 'open');
    });
  });
});
