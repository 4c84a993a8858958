import type { RateLimiter } from './limiter.js';
import { createLocalLimiter } from './local-limiter.js';

/**
 * The limiter a gateway uses: shared in Redis when a URL is given, else held in this process (the
 * Redis client is then never loaded).
 */
export async function createRateLimiter(redisUrl: string | undefined): Promise<RateLimiter> {
  if (redisUrl === undefined) return createLocalLimiter();
  return (await import('./redis-limiter.js')).connectRedisLimiter(redisUrl);
}
