import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AcquireRequest, Grant, RateLimiter, Refusal } from '../limiter.js';

/** Builds a limiter for one test, or returns why this implementation cannot run here. */
export type LimiterFactory = () => Promise<RateLimiter | { skip: string }>;

function granted(decision: Grant | Refusal): Grant {
  if (!decision.ok) assert.fail(`expected a grant, got ${JSON.stringify(decision)}`);
  return decision;
}

function refused(decision: Grant | Refusal): Refusal {
  if (decision.ok) assert.fail('expected a refusal');
  return decision;
}

/** The behaviour every limiter must show, run against one implementation. */
export function limiterContract(name: string, make: LimiterFactory): void {
  const run = (
    title: string,
    body: (
      acquire: (r: Omit<AcquireRequest, 'bucket'>) => ReturnType<RateLimiter['acquire']>,
      limiter: RateLimiter,
    ) => Promise<void>,
  ) =>
    test(`${name}: ${title}`, async (t) => {
      const made = await make();
      if ('skip' in made) return t.skip(made.skip);
      t.after(() => made.close());
      const bucket = `key:${randomBytes(4).toString('hex')}`;
      await body((request) => made.acquire({ bucket, ...request }), made);
    });

  run('admits requests up to the per-minute limit, then refuses with retry and reset', async (acquire) => {
    for (let index = 0; index < 3; index++) granted(await acquire({ requestsPerMinute: 3, tokens: 0 }));
    const refusal = refused(await acquire({ requestsPerMinute: 3, tokens: 0 }));
    assert.equal(refusal.kind, 'requests');
    assert.equal(refusal.limit, 3);
    assert.equal(refusal.remaining, 0);
    // One request refills every 20 s; the whole window is back in a minute.
    assert.ok(refusal.retryAfterMs > 19_000 && refusal.retryAfterMs <= 20_000, `${refusal.retryAfterMs}`);
    assert.ok(refusal.resetMs > 59_000 && refusal.resetMs <= 60_000, `${refusal.resetMs}`);
  });

  run('reserves tokens per minute and refuses a reservation that does not fit', async (acquire) => {
    const first = granted(await acquire({ tokensPerMinute: 100, tokens: 60 }));
    assert.equal(first.windows.tokens?.remaining, 40);
    const refusal = refused(await acquire({ tokensPerMinute: 100, tokens: 50 }));
    assert.equal(refusal.kind, 'tokens');
    assert.equal(refusal.remaining, 40);
    // 10 tokens short at 600 ms per token.
    assert.ok(refusal.retryAfterMs > 5_000 && refusal.retryAfterMs <= 6_000, `${refusal.retryAfterMs}`);
    granted(await acquire({ tokensPerMinute: 100, tokens: 40 }));
  });

  run('release corrects the token reservation to the actual usage', async (acquire) => {
    const grant = granted(await acquire({ tokensPerMinute: 100, tokens: 90 }));
    refused(await acquire({ tokensPerMinute: 100, tokens: 80 }));
    await grant.release(10);
    granted(await acquire({ tokensPerMinute: 100, tokens: 80 }));
  });

  run('holds concurrency slots until they are released', async (acquire) => {
    const one = granted(await acquire({ concurrent: 2, tokens: 0 }));
    granted(await acquire({ concurrent: 2, tokens: 0 }));
    const refusal = refused(await acquire({ concurrent: 2, tokens: 0 }));
    assert.equal(refusal.kind, 'concurrent');
    assert.equal(refusal.limit, 2);
    await one.release();
    await one.release();
    granted(await acquire({ concurrent: 2, tokens: 0 }));
    refused(await acquire({ concurrent: 2, tokens: 0 }));
  });

  run('admits again once the retry-after has passed', async (acquire) => {
    // 6 000 tokens a minute refill one per 10 ms: 50 tokens take half a second, far more than a slow
    // machine needs between two calls, so the refusal is certain and the wait still short.
    const full = granted(await acquire({ tokensPerMinute: 6_000, tokens: 6_000 }));
    assert.equal(full.windows.tokens?.remaining, 0);
    const refusal = refused(await acquire({ tokensPerMinute: 6_000, tokens: 50 }));
    assert.ok(refusal.retryAfterMs <= 500, `${refusal.retryAfterMs}`);
    await sleep(refusal.retryAfterMs + 20);
    granted(await acquire({ tokensPerMinute: 6_000, tokens: 50 }));
  });

  run('a refused request takes nothing, and buckets count apart', async (acquire, limiter) => {
    granted(await acquire({ requestsPerMinute: 1, tokensPerMinute: 100, tokens: 100 }));
    const refusal = refused(await acquire({ requestsPerMinute: 1, tokensPerMinute: 100, tokens: 10 }));
    assert.equal(refusal.kind, 'requests');
    assert.equal(refusal.windows.tokens?.remaining, 0);
    const other = `model:${randomBytes(4).toString('hex')}`;
    granted(await limiter.acquire({ bucket: other, requestsPerMinute: 1, tokens: 0 }));
  });
}
