import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import { seededRandom } from '../core/random.js';
import { retryDelay } from './backoff.js';

const settings = { max: 3, base_ms: 100, max_ms: 1_000, max_retry_after_ms: 5_000 };
const error = new StrataError('upstream_error', 'failed');

test('full jitter: each delay lies between 0 and the doubling ceiling, capped', () => {
  const random = seededRandom(3);
  for (let retry = 0; retry < 6; retry++) {
    const ceiling = Math.min(1_000, 100 * 2 ** retry);
    for (let sample = 0; sample < 50; sample++) {
      const delay = retryDelay(retry, settings, error, random) ?? -1;
      assert.ok(delay >= 0 && delay < ceiling, `retry ${retry}: ${delay} outside [0, ${ceiling})`);
    }
  }
});

test('Retry-After is a floor; one longer than the route waits hands over to the next candidate', () => {
  const limited = new StrataError('upstream_rate_limited', 'slow down', { retryAfterMs: 2_000 });
  assert.equal(retryDelay(0, settings, limited, seededRandom(1)), 2_000);
  const tooLong = new StrataError('upstream_rate_limited', 'slow down', { retryAfterMs: 60_000 });
  assert.equal(retryDelay(0, settings, tooLong, seededRandom(1)), undefined);
});
