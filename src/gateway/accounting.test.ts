import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { WireUsage } from '../core/types.js';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('what a call cost: headers and request log', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      const stream = (JSON.parse(recorded.body) as { stream?: boolean }).stream === true;
      response.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
      response.end(readFixture(stream ? 'openai/stream-content.sse' : 'openai/chat-completion.json'));
    });
    // An `openai`-kind provider pointed at the fake: its models are priced from the catalog.
    gateway = await startGateway({
      providers: {
        openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
        local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const expectedCost = (usage: OpenAI.CompletionUsage | undefined) => {
    const entry = gateway.stack.catalog.find('openai', 'gpt-4o-mini');
    assert.ok(entry && usage, 'the catalog prices gpt-4o-mini and the answer has usage');
    const wire: WireUsage = {
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      total_tokens: usage.total_tokens,
      prompt_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    };
    return costOf(normaliseUsage(wire), entry.price).usd;
  };

  test('a priced model reports its cost and tokens in headers and in the log row', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const cost = expectedCost(data.usage);
    assert.ok(cost > 0);
    assert.equal(Number(response.headers.get('x-strata-cost-usd')), cost);
    assert.equal(response.headers.get('x-strata-tokens-in'), String(data.usage?.prompt_tokens));
    assert.equal(response.headers.get('x-strata-tokens-out'), String(data.usage?.completion_tokens));
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
    assert.equal(row?.costUsd, cost);
    assert.equal(row?.priceVersion, gateway.stack.catalog.version);
  });

  test('a streamed call is priced from its usage, never logged at $0', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    assert.equal(usage, undefined, 'the client did not ask for usage');
    const requestId = response.headers.get('x-request-id') ?? '';
    for (let tries = 0; tries < 50; tries++) {
      await gateway.stack.flush();
      const row = await gateway.stack.requestLog.get(requestId);
      if (row) {
        assert.ok((row.outputTokens ?? 0) > 0);
        assert.ok((row.costUsd ?? 0) > 0, 'a stream that used tokens is not free');
        return;
      }
      await sleep(20);
    }
    assert.fail('no log row for the stream');
  });

  test('a model without a known price gets no cost header and a null cost, not $0', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'local/my-finetune', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(response.headers.get('x-strata-cost-usd'), null);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
    assert.equal(row?.costUsd, null);
  });
});
