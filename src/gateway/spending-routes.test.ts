import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { routeTableOf } from './route-table.js';
import { routeSamples, type Sample, sendSample, startSampleUpstream } from './testing/route-samples.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

const broke = 'sk-route-broke-0123456789';
/** One key per spending route, each allowed one request a minute (the limit is per key, not per route). */
const limited = Array.from({ length: 8 }, (_, index) => `sk-route-limited-${index}-0123456789`);

describe('every route that can spend money is governed', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startSampleUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: {
        models: [testPrice, { provider: 'openai', id: 'text-embedding-3-small', input: 100, output: 0 }],
      },
      keys: [
        { name: 'broke', key: broke },
        ...limited.map((key, index) => ({ name: `limited-${index}`, key })),
      ],
      // Less than any call's worst case, and one request a minute.
      budgets: [{ scope: 'key', match: 'config:broke', period: 'total', limit_usd: 0.000001 }],
      limits: {
        rate_limits: limited.map((_, index) => ({
          scope: 'key',
          match: `config:limited-${index}`,
          requests_per_minute: 1,
        })),
      },
      knowledge: { ingest_project_docs: false },
    });
    await gateway.stack.knowledge.createBase({ name: 'guide' });
    await gateway.stack.knowledge.upsertDocument('guide', {
      id: 'budgets',
      text: 'Budgets hold the worst case of a call and settle it to what the call cost.',
    });
  });
  after(async () => {
    await upstream.close();
    await gateway?.close();
  });

  const send = (method: string, sample: Sample, key: string) => sendSample(gateway.url, method, sample, key);

  /** Sends a sample and tells whether it reached a provider: the upstream saw it or the ledger has it. */
  async function reaches(method: string, sample: Sample, key: string) {
    const before = upstream.requests.length;
    const response = await send(method, sample, key);
    await response.arrayBuffer();
    const rows = await gateway.ledgerOf(response);
    return { status: response.status, reached: upstream.requests.length > before || rows.length > 0 };
  }

  test('each route declares whether it spends, and one that reaches a provider is refused when out of budget or rate', async () => {
    const table = routeTableOf(gateway.app);
    assert.ok(table.length >= Object.keys(routeSamples).length, `only ${table.length} routes were tracked`);
    const spending: string[] = [];
    for (const route of table) {
      const name = `${route.method} ${route.url}`;
      const sample =
        routeSamples[name] ?? (route.method === 'HEAD' ? routeSamples[`GET ${route.url}`] : undefined);
      assert.ok(sample, `${name} has no sample request in this test: add one`);
      assert.equal(
        typeof route.spends,
        'boolean',
        `${name} does not declare config.spends: use spends or spendsNothing from route-table.ts`,
      );
      const probe = await reaches(route.method, sample, gateway.masterKey);
      assert.ok(probe.status < 500, `${name} answered ${probe.status}`);
      if (probe.reached)
        assert.equal(route.spends, true, `${name} reached a provider but declares it spends nothing`);
      if (!route.spends) continue;
      const key = limited[spending.length];
      assert.ok(key, 'more spending routes than rate-limited keys: add keys');
      spending.push(name);
      const refused = await reaches(route.method, sample, broke);
      assert.deepEqual(refused, { status: 429, reached: false }, `${name} with a key out of budget`);
      const first = await reaches(route.method, sample, key);
      assert.deepEqual(first, { status: 200, reached: true }, `${name} with a key under its rate limit`);
      const second = await reaches(route.method, sample, key);
      assert.deepEqual(second, { status: 429, reached: false }, `${name} past a one-a-minute rate limit`);
    }
    assert.deepEqual(spending.sort(), [
      'POST /v1/chat/completions',
      'POST /v1/completions',
      'POST /v1/embeddings',
      'POST /v1/messages',
    ]);
  });
});
