import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eachDialect } from '../store/testing/each-dialect.js';
import { connectTestRedis, testRedisUrl } from '../tokens/rate-limit/testing/redis.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Milliseconds a revocation may take to reach another replica. */
const withinMs = 1000;

eachDialect('a revoked key is refused by every replica within a second', (context) => {
  // PostgreSQL carries revocations itself (LISTEN/NOTIFY); the embedded store needs Redis for that.
  const feeds = context.dialect === 'postgres' ? ['notify', 'redis'] : ['redis'];
  for (const feed of feeds) {
    describe(`two gateways sharing the store, through ${feed}`, () => {
      const gateways: TestGateway[] = [];
      let skip: string | undefined;

      before(async () => {
        if (feed === 'redis') {
          const connected = await connectTestRedis();
          if ('skip' in connected) skip = connected.skip;
          else connected.redis.disconnect();
        }
        if (skip !== undefined) return;
        // Both replicas open one store: the same SQLite file, or the same PostgreSQL schema.
        const environment = {
          STRATA_HOME: context.location.home,
          ...(context.location.url !== undefined && { DATABASE_URL: context.location.url }),
          ...(feed === 'redis' && { REDIS_URL: testRedisUrl }),
        };
        for (let replica = 0; replica < 2; replica++)
          gateways.push(await startGateway({ knowledge: { ingest_project_docs: false } }, { environment }));
      });
      after(async () => {
        for (const gateway of gateways) await gateway.close();
      });

      test('revoke on one, the other refuses the key at once', async (t) => {
        if (skip !== undefined) return t.skip(skip);
        const [first, second] = gateways;
        assert.ok(first && second);
        const admin = { authorization: `Bearer ${first.masterKey}`, 'content-type': 'application/json' };
        const created = await fetch(`${first.url}/admin/v1/keys`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ name: `replica-${feed}` }),
        });
        const { id, key } = (await created.json()) as { id: string; key: string };
        const models = () =>
          fetch(`${second.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } }).then(
            (response) => response.status,
          );
        // The second replica has verified the key and trusts it from its cache.
        assert.equal(await models(), 200);
        const revoked = await fetch(`${first.url}/admin/v1/keys/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${first.masterKey}` },
        });
        assert.equal(revoked.status, 200);
        const started = performance.now();
        let status = await models();
        while (status === 200 && performance.now() - started < withinMs) {
          await sleep(20);
          status = await models();
        }
        assert.equal(
          status,
          401,
          `still served ${Math.round(performance.now() - started)} ms after revocation`,
        );
      });
    });
  }
});
