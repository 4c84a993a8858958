import pg from 'pg';
import { type RevocationFeed, revocationChannel } from './revocation-feed.js';

/** How long to wait before listening again after the listening connection was lost. */
const reconnectMs = 1000;

/**
 * Revocations over PostgreSQL LISTEN/NOTIFY on one dedicated connection, reopened when it is lost;
 * revocations sent while it was down still land through the key cache's own expiry.
 */
export function createPostgresRevocationFeed(
  connectionString: string,
  onError: (error: unknown) => void,
): RevocationFeed {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen(onRevoked: (keyId: string) => void): Promise<void> {
    const connection = new pg.Client({ connectionString });
    connection.on('notification', (message) => {
      if (message.channel === revocationChannel && message.payload) onRevoked(message.payload);
    });
    connection.on('error', (error) => {
      onError(error);
      if (client === connection) client = undefined;
      connection.end().catch(() => {});
      if (!closed) retry = setTimeout(() => listen(onRevoked).catch(onError), reconnectMs);
    });
    await connection.connect();
    await connection.query(`listen ${revocationChannel}`);
    if (closed) await connection.end();
    else client = connection;
  }

  return {
    async publish(keyId) {
      const connection = client ?? new pg.Client({ connectionString });
      if (connection !== client) await connection.connect();
      try {
        await connection.query('select pg_notify($1, $2)', [revocationChannel, keyId]);
      } finally {
        if (connection !== client) await connection.end();
      }
    },
    subscribe: listen,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end();
      client = undefined;
    },
  };
}
