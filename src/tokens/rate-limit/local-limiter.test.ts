import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalLimiter } from './local-limiter.js';
import { limiterContract } from './testing/limiter-contract.js';

limiterContract('local limiter', async () => createLocalLimiter());

test('local limiter: a window refills steadily as its clock moves on', async () => {
  let now = 1_000_000;
  const limiter = createLocalLimiter({ now: () => now });
  const request = { bucket: 'global', requestsPerMinute: 60, tokens: 0 };
  for (let index = 0; index < 60; index++) assert.equal((await limiter.acquire(request)).ok, true);
  const refusal = await limiter.acquire(request);
  assert.equal(refusal.ok, false);
  assert.equal(refusal.ok === false && refusal.retryAfterMs, 1000);
  now += 1000;
  const grant = await limiter.acquire(request);
  assert.equal(grant.ok, true);
  assert.equal(grant.windows.requests?.remaining, 0);
  now += 60_000;
  assert.equal((await limiter.acquire(request)).windows.requests?.remaining, 59);
});
