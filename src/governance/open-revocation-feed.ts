import { resolveDatabaseTarget } from '../store/database-url.js';
import { createPostgresRevocationFeed } from './postgres-revocation-feed.js';
import { createRedisRevocationFeed } from './redis-revocation-feed.js';
import type { RevocationFeed } from './revocation-feed.js';

/**
 * The revocation feed replicas share: Redis pub/sub when REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY when the store is PostgreSQL; none for the embedded SQLite store alone.
 */
export function openRevocationFeed(
  redisUrl: string | undefined,
  store: { url?: string | undefined; home: string },
  onError: (error: unknown) => void,
): RevocationFeed | undefined {
  if (redisUrl !== undefined) return createRedisRevocationFeed(redisUrl, onError);
  const target = resolveDatabaseTarget(store);
  return target.dialect === 'postgres'
    ? createPostgresRevocationFeed(target.connectionString, onError)
    : undefined;
}
