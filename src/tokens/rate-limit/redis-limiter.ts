import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { runScript } from '../../store/redis-script.js';
import {
  type AcquireRequest,
  type Grant,
  type LimitKind,
  type RateLimiter,
  type Refusal,
  refusalOf,
  type WindowStates,
} from './limiter.js';
import { acquireScript, releaseScript } from './redis-scripts.js';

/** Options of the Redis limiter. */
export interface RedisLimiterOptions {
  /** Prefixes every key, so several gateways (or tests) can share one Redis. */
  prefix?: string;
  /** How long a concurrency slot is held if its process dies before releasing it. */
  leaseMs?: number;
}

const defaults = { prefix: 'strata:rate:', leaseMs: 15 * 60_000 } satisfies Required<RedisLimiterOptions>;
const kinds: ReadonlyArray<LimitKind | undefined> = [undefined, 'requests', 'tokens', 'concurrent'];

function numbers(reply: unknown): number[] {
  if (!Array.isArray(reply)) throw new Error('the rate-limit script returned no list');
  return reply.map(Number);
}

/** Reads the windows the request asked for out of the script's reply. */
function windowsOf(reply: number[], request: AcquireRequest): WindowStates {
  const at = (index: number) => reply[index] ?? 0;
  const windows: WindowStates = {};
  if (request.requestsPerMinute !== undefined)
    windows.requests = { limit: at(3), remaining: at(4), resetMs: at(5) };
  if (request.tokensPerMinute !== undefined)
    windows.tokens = { limit: at(6), remaining: at(7), resetMs: at(8) };
  if (request.concurrent !== undefined) windows.concurrent = { limit: at(9), remaining: at(10), resetMs: 0 };
  return windows;
}

/** A rate limiter kept in Redis, shared by every replica; one atomic script per acquire and per release. */
export function createRedisLimiter(redis: Redis, options: RedisLimiterOptions = {}): RateLimiter {
  const { prefix, leaseMs } = { ...defaults, ...options };
  return {
    async acquire(request: AcquireRequest): Promise<Grant | Refusal> {
      // The hash tag keeps a bucket's keys in one slot, so the script also runs on Redis Cluster.
      const base = `${prefix}{${request.bucket}}`;
      const keys = [`${base}:requests`, `${base}:tokens`, `${base}:concurrent`];
      const lease = request.concurrent === undefined ? '' : randomUUID();
      const reply = numbers(
        await runScript(redis, acquireScript, keys, [
          request.requestsPerMinute ?? 0,
          request.tokensPerMinute ?? 0,
          request.concurrent ?? 0,
          request.tokens,
          lease,
          leaseMs,
        ]),
      );
      const windows = windowsOf(reply, request);
      const refused = kinds[reply[1] ?? 0];
      if (reply[0] !== 1 && refused) return refusalOf(refused, reply[2] ?? 1000, windows);
      let released = false;
      return {
        ok: true,
        windows,
        async release(actualTokens) {
          if (released) return;
          released = true;
          const limit = request.tokensPerMinute;
          const delta =
            limit === undefined || actualTokens === undefined
              ? 0
              : actualTokens - Math.min(request.tokens, limit);
          if (delta === 0 && lease === '') return;
          await runScript(redis, releaseScript, [keys[1] ?? '', keys[2] ?? ''], [limit ?? 0, delta, lease]);
        },
      };
    },
    async close() {
      await redis.quit();
    },
  };
}

/** Connects to Redis at `url` and builds the shared limiter over that one client. */
export function connectRedisLimiter(url: string, options: RedisLimiterOptions = {}): RateLimiter {
  // Fail a command fast when Redis is away rather than queueing it behind a request for long.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
  return createRedisLimiter(redis, options);
}
