import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import {
  answeredUsage,
  budgetedRequest,
  startBudgetUpstream,
  testPrice,
} from '../tokens/budgets/testing/budget-fixture.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

// $1 per million input and $2 per million output tokens on the upstream's usage (5 in, 50 out).
const answeredCost = (answeredUsage.prompt_tokens * 1 + answeredUsage.completion_tokens * 2) / 1e6;
const ciKey = 'sk-ci-config-key-0123456789';
const limitedKey = 'sk-limited-config-key-0123456789';

describe('config written as users write it: provider names, key names, unknown models', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startBudgetUpstream();
    const compatible = { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-up' };
    gateway = await startGateway({
      providers: {
        openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
        inhouse: compatible,
        other: compatible,
      },
      models: [{ name: 'smart', provider: 'other', model: 'qwen-7b' }],
      catalog: {
        models: [
          testPrice,
          { provider: 'inhouse', id: 'llama-3.1-8b', input: 1, output: 2 },
          { provider: 'other', id: 'smart', input: 1, output: 2 },
        ],
      },
      keys: [
        { name: 'ci', key: ciKey },
        { name: 'limited', key: limitedKey },
      ],
      // Two calls' actual cost fits; the third call's worst case does not.
      budgets: [{ scope: 'key', match: 'ci', period: 'daily', limit_usd: 0.0004 }],
      limits: { rate_limits: [{ scope: 'key', match: 'limited', requests_per_minute: 1 }] },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function call(key: string, model: string) {
    const response = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ ...budgetedRequest, model }),
    });
    const body = (await response.body.json()) as { error?: { code?: string } };
    return {
      status: response.statusCode,
      code: body.error?.code,
      cost: response.headers['x-strata-cost-usd'],
    };
  }

  it('a catalog entry for a configured provider name prices that provider alone', async () => {
    const named = await call(gateway.masterKey, 'inhouse/llama-3.1-8b');
    assert.equal(named.status, 200);
    assert.equal(Number(named.cost), answeredCost);
    const sameKind = await call(gateway.masterKey, 'other/llama-3.1-8b');
    assert.equal(sameKind.status, 200);
    assert.equal(sameKind.cost, undefined, 'another provider of the same kind is not priced by it');
  });

  it('a catalog entry may name a `models` entry instead of its upstream id', async () => {
    const smart = await call(gateway.masterKey, 'smart');
    assert.equal(smart.status, 200);
    assert.equal(Number(smart.cost), answeredCost);
  });

  it('a key budget matches the config key by its name', async () => {
    assert.equal((await call(ciKey, 'openai/gpt-4o-mini')).status, 200);
    assert.equal((await call(ciKey, 'openai/gpt-4o-mini')).status, 200);
    const refused = await call(ciKey, 'openai/gpt-4o-mini');
    assert.equal(refused.status, 429);
    assert.equal(refused.code, 'budget_exceeded');
  });

  it('an unknown model is a 404 before any budget or rate limit has its say', async () => {
    const budgeted = await call(ciKey, 'no-such-model');
    assert.equal(budgeted.status, 404);
    assert.equal(budgeted.code, 'model_not_found');
    assert.equal((await call(limitedKey, 'openai/gpt-4o-mini')).status, 200);
    const limited = await call(limitedKey, 'no-such-model');
    assert.equal(limited.status, 404, 'not 429: the rate limit is spent, the model is still unknown');
    assert.equal(limited.code, 'model_not_found');
    const rateLimited = await call(limitedKey, 'openai/gpt-4o-mini');
    assert.equal(rateLimited.status, 429, 'a rate limit rule matches the config key by its name');
    assert.equal(rateLimited.code, 'rate_limited');
  });
});
