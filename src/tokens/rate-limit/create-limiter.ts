import type { RateLimiter } from './limiter.js';
import { createLocalLimiter } from './local-limiter.js';
import { connectRedisLimiter } from './redis-limiter.js';

/** The limiter a gateway uses: shared in Redis when a URL is given, else held in this process. */
export function createRateLimiter(redisUrl: string | undefined): RateLimiter {
  return redisUrl === undefined ? createLocalLimiter() : connectRedisLimiter(redisUrl);
}
