import type { Redis } from 'ioredis';
import type { ChatResponse } from '../../core/types.js';

/** A stored answer and what it cost when it was made, so a hit can report what it saved. */
export interface CachedAnswer {
  response: ChatResponse;
  /** The provider and upstream model that produced it. */
  servedBy: { provider: string; model: string };
  /** USD of the call that produced it; null when its price was unknown. */
  costUsd: number | null;
  storedAt: string;
}

/** Where answers are kept: in this process, or in Redis shared by every replica. */
export interface ResponseCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  /** Drops every answer (an erasure: entries are not keyed by who asked); returns how many went. */
  clear(): Promise<number>;
  close(): Promise<void>;
}

/** An in-process cache holding up to `maxEntries` answers, least recently used evicted first. */
export function createLocalCache(maxEntries: number): ResponseCache {
  const entries = new Map<string, { answer: CachedAnswer; expires: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expires <= Date.now()) return undefined;
      entries.set(key, entry);
      return entry.answer;
    },
    async set(key, answer, ttlMs) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { answer, expires: Date.now() + ttlMs });
    },
    async clear() {
      const dropped = entries.size;
      entries.clear();
      return dropped;
    },
    async close() {
      entries.clear();
    },
  };
}

/** A cache in Redis under `prefix`, shared by every replica; entries expire by Redis' own TTL. */
export function createRedisCache(redis: Redis, prefix = 'strata:cache:'): ResponseCache {
  return {
    async get(key) {
      const stored = await redis.get(prefix + key);
      return stored === null ? undefined : (JSON.parse(stored) as CachedAnswer);
    },
    async set(key, answer, ttlMs) {
      await redis.set(prefix + key, JSON.stringify(answer), 'PX', ttlMs);
    },
    async clear() {
      let dropped = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) dropped += await redis.del(...keys);
      } while (cursor !== '0');
      return dropped;
    },
    async close() {
      await redis.quit();
    },
  };
}

/** The cache a gateway uses: Redis when a URL is given (its client loaded only then), else this process's memory. */
export async function createResponseCache(
  redisUrl: string | undefined,
  maxEntries: number,
): Promise<ResponseCache> {
  if (redisUrl === undefined) return createLocalCache(maxEntries);
  const { Redis } = await import('ioredis');
  return createRedisCache(new Redis(redisUrl, { maxRetriesPerRequest: 1 }));
}
