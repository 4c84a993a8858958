import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use: REDIS_URL, else the local default. */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run shares. */
export function randomPrefix(): string {
  return `strata-test:${randomBytes(6).toString('hex')}:`;
}

/**
 * Connects to the test Redis, or explains why not: a missing Redis fails loudly under CI (env CI set)
 * and is a skip reason anywhere else.
 */
export async function connectTestRedis(): Promise<{ redis: Redis } | { skip: string }> {
  const redis = new Redis(testRedisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return { redis };
  } catch (error) {
    redis.disconnect();
    const reason = `Redis at ${testRedisUrl} is unreachable (${String(error)})`;
    if (process.env.CI) throw new Error(`${reason}; CI needs it running`);
    return { skip: reason };
  }
}
