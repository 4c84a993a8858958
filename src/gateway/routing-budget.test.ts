import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { toMicroUsd } from '../tokens/budgets/micro-usd.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('routes and budgets', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      catalog: {
        models: [
          { provider: 'openai-compatible', id: 'a', input: 1, output: 2 },
          { provider: 'openai-compatible', id: 'b', input: 3, output: 4 },
        ],
      },
      budgets: [{ scope: 'global', period: 'total', limit_usd: 5 }],
      routes: {
        auto: { fallback: ['local/a', 'local/b'], retries: { max: 0 }, breaker: { enabled: false } },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('a routed call is charged every billed attempt, and its cost header is their sum', async () => {
    upstream.cue('a', 'content-filter');
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    // The cue upstream reports 10 prompt and 5 completion tokens for every answer.
    const expected = (10 * 1 + 5 * 2 + 10 * 3 + 5 * 4) / 1e6;
    assert.equal(Number(response.headers.get('x-strata-cost-usd')), expected);
    const [budget] = await gateway.stack.budgets.list();
    assert.ok(budget);
    const window = await gateway.stack.budgets.currentWindow(budget);
    assert.equal(window.spentMicroUsd, toMicroUsd(expected));
    assert.equal(window.reservedMicroUsd, 0);
  });
});
