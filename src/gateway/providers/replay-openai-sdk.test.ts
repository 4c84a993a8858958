import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { sampleOutcomes, writeOutcomesFile } from '../../models/replay/testing/outcomes-file.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

const planetPrompt = sampleOutcomes[0]?.prompt ?? '';

describe('a replay provider behind the gateway, driven by the official openai SDK', () => {
  let file: Awaited<ReturnType<typeof writeOutcomesFile>>;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    file = await writeOutcomesFile();
    gateway = await startGateway({ providers: { replay: { kind: 'replay', data: file.path } } });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await file.remove();
  });

  test('the recorded response and its recorded cost come back', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'replay/big/model-v2', messages: [{ role: 'user', content: planetPrompt }] })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'B) Jupiter is the largest planet.');
    assert.ok(data.usage && data.usage.total_tokens > 0);
    assert.deepEqual((data as { strata_replay?: unknown }).strata_replay, {
      query_id: 'q1',
      cost_usd: 0.004,
      score: 1,
      cost_kind: 'recorded',
      response_recorded: true,
    });
    assert.equal(response.headers.get('x-strata-provider'), 'replay');
    assert.equal(response.headers.get('x-strata-model'), 'big/model-v2');
  });

  test('streaming returns the same answer in pieces, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'replay/small-model',
      messages: [{ role: 'user', content: 'Write a python function to add two numbers.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let pieces = 0;
    let totalTokens = 0;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) {
        text += content;
        pieces++;
      }
      if (chunk.usage) totalTokens = chunk.usage.total_tokens;
    }
    assert.equal(text, 'def add(a, b):\n    return a + b');
    assert.ok(pieces > 1);
    assert.ok(totalTokens > 0);
  });

  test('an unknown prompt is a NotFoundError', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'replay/small-model',
        messages: [{ role: 'user', content: 'Nobody recorded this.' }],
      }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError);
        assert.equal(error.code, 'not_found');
        assert.match(error.message, /no recorded outcome for this prompt/);
        return true;
      },
    );
  });

  test('an unknown model is a NotFoundError with code model_not_found', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'replay/gpt-9',
        messages: [{ role: 'user', content: planetPrompt }],
      }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found',
    );
  });
});
