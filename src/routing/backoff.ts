import type { RouteOptions } from '../config/routes.js';
import type { StrataError } from '../core/errors.js';
import type { Random } from '../core/random.js';

/**
 * How long to wait before retry number `retry` (0 for the first retry): exponential backoff with full
 * jitter, but never less than the upstream's Retry-After. Undefined when Retry-After asks for longer
 * than the route is willing to wait, so the next candidate is tried instead.
 */
export function retryDelay(
  retry: number,
  settings: RouteOptions['retries'],
  error: StrataError,
  random: Random,
): number | undefined {
  const ceiling = Math.min(settings.max_ms, settings.base_ms * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  const asked = error.retryAfterMs;
  if (asked === undefined) return jittered;
  if (asked > settings.max_retry_after_ms) return undefined;
  return Math.max(asked, jittered);
}
