import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

interface ModelObject {
  id: string;
  object: string;
  owned_by: string;
  pricing?: { input: number; output: number; cached_input?: number };
  context_window?: number;
}

describe('GET /v1/models with the catalog', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startGateway({
      providers: { openai: { kind: 'openai', api_key: 'sk-test-not-used' } },
      models: [{ name: 'smart', provider: 'openai', model: 'gpt-4o-2024-08-06' }],
      catalog: { models: [{ provider: 'openai', id: 'gpt-4.1-mini', input: 0.3, output: 1.2 }] },
    });
  });
  after(() => gateway.close());

  const get = async <T>(path: string) => {
    const response = await request(`${gateway.url}${path}`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    return { status: response.statusCode, body: (await response.body.json()) as T };
  };

  test('lists configured names and the provider catalog, with pricing and context windows', async () => {
    const { status, body } = await get<{ object: string; data: ModelObject[] }>('/v1/models');
    assert.equal(status, 200);
    assert.equal(body.object, 'list');
    const data = body.data;
    const smart = data.find((model) => model.id === 'smart');
    assert.deepEqual(smart?.pricing, { input: 2.5, output: 10, cached_input: 1.25 });
    assert.equal(smart?.context_window, 128_000);
    const mini = data.find((model) => model.id === 'openai/gpt-4o-mini');
    assert.equal(mini?.object, 'model');
    assert.equal(mini?.owned_by, 'openai');
    assert.deepEqual(mini?.pricing, { input: 0.15, output: 0.6, cached_input: 0.075 });
    assert.deepEqual(data.find((model) => model.id === 'openai/gpt-4.1-mini')?.pricing, {
      input: 0.3,
      output: 1.2,
    });
    assert.ok(!data.some((model) => model.id.startsWith('openai/claude')), 'only the provider’s own models');
  });

  test('one model by name, by provider/model and unknown', async () => {
    const smart = await get<ModelObject>('/v1/models/smart');
    assert.equal(smart.status, 200);
    assert.equal(smart.body.pricing?.input, 2.5);
    const direct = await get<ModelObject>('/v1/models/openai/o3');
    assert.equal(direct.body.context_window, 200_000);
    const unpriced = await get<ModelObject>('/v1/models/openai/some-new-model');
    assert.equal(unpriced.status, 200);
    assert.equal(unpriced.body.pricing, undefined);
    const missing = await get<ModelObject>('/v1/models/nowhere/model');
    assert.equal(missing.status, 404);
  });
});
