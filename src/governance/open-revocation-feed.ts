import { resolveDatabaseTarget } from '../store/database-url.js';
import type { RevocationFeed } from './revocation-feed.js';

/**
 * The revocation feed replicas share: Redis pub/sub when REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY when the store is PostgreSQL; none for the embedded SQLite store alone. A feed's
 * client library is loaded only when that feed is opened.
 */
export async function openRevocationFeed(
  redisUrl: string | undefined,
  store: { url?: string | undefined; home: string },
  onError: (error: unknown) => void,
): Promise<RevocationFeed | undefined> {
  if (redisUrl !== undefined)
    return (await import('./redis-revocation-feed.js')).createRedisRevocationFeed(redisUrl, onError);
  const target = resolveDatabaseTarget(store);
  if (target.dialect !== 'postgres') return undefined;
  const { createPostgresRevocationFeed } = await import('./postgres-revocation-feed.js');
  return createPostgresRevocationFeed(target.connectionString, onError);
}
