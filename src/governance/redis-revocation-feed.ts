import { Redis } from 'ioredis';
import { type RevocationFeed, revocationChannel } from './revocation-feed.js';

/**
 * Revocations over Redis pub/sub: one connection publishes, another (a subscriber connection cannot
 * run other commands) listens. A lost connection reconnects and resubscribes; revocations sent while it
 * was down still land through the key cache's own expiry.
 */
export function createRedisRevocationFeed(url: string, onError: (error: unknown) => void): RevocationFeed {
  const publisher = new Redis(url, { maxRetriesPerRequest: 1 });
  const subscriber = new Redis(url, { maxRetriesPerRequest: 1 });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  return {
    async publish(keyId) {
      await publisher.publish(revocationChannel, keyId);
    },
    async subscribe(onRevoked) {
      subscriber.on('message', (channel: string, keyId: string) => {
        if (channel === revocationChannel) onRevoked(keyId);
      });
      await subscriber.subscribe(revocationChannel);
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
