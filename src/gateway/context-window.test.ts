import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Answers every call, and says which model it got and how many messages. */
function startCountingUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { model: string; messages: unknown[] };
    response.writeHead(200, { 'content-type': 'application/json' });
    const content = `${body.model}:${body.messages.length}`;
    response.end(
      JSON.stringify({
        id: 'chatcmpl-window',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
}

// `gpt-4o-small` gets a 300-token window, `gpt-4o-large` a 100k one; both count with o200k, exactly.
const catalog = {
  models: [
    { provider: 'openai', id: 'gpt-4o-small', input: 1, output: 1, context_window: 300 },
    { provider: 'openai', id: 'gpt-4o-large', input: 1, output: 1, context_window: 100_000 },
  ],
};
const words = (n: number) => Array.from({ length: n }, (_, index) => `w${index}`).join(' ');
// About 460 tokens in three turns: over the small window, inside the large one.
const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: words(75) },
  { role: 'assistant', content: words(75) },
  { role: 'user', content: words(75) },
  { role: 'assistant', content: 'ok' },
  { role: 'user', content: 'Summarise.' },
];

describe('the context-window guard', () => {
  let upstream: FakeUpstream;
  const gateways: Record<string, TestGateway> = {};
  const clients: Record<string, OpenAI> = {};

  before(async () => {
    upstream = await startCountingUpstream();
    for (const mode of ['error', 'trim', 'fallback'] as const) {
      const gateway = await startGateway({
        providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
        catalog,
        limits: {
          context_window: {
            on_overflow: mode,
            fallbacks: { 'openai/gpt-4o-small': ['openai/gpt-4o-large'] },
          },
        },
      });
      gateways[mode] = gateway;
      clients[mode] = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
    }
  });
  after(async () => {
    for (const gateway of Object.values(gateways)) await gateway.close();
    await upstream.close();
  });

  const ask = (mode: string, extra: object = {}) =>
    (clients[mode] as OpenAI).chat.completions
      .create({ model: 'openai/gpt-4o-small', messages, ...extra })
      .withResponse();

  test('by default a prompt too long for the window is a 400 naming the counts, before any upstream call', async () => {
    const before = upstream.requests.length;
    const refusal = await ask('error').then(
      () => assert.fail('the prompt does not fit'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof OpenAI.BadRequestError);
    assert.equal(refusal.code, 'context_length_exceeded');
    assert.equal(refusal.param, 'messages');
    assert.match(
      refusal.message,
      /This prompt has \d+ tokens, more than the 300 that `openai\/gpt-4o-small` leaves/,
    );
    assert.equal(upstream.requests.length, before);
  });

  test('the requested output counts against the window', async () => {
    const short = [{ role: 'user' as const, content: words(40) }];
    const fits = await clients.error?.chat.completions.create({
      model: 'openai/gpt-4o-small',
      messages: short,
    });
    assert.ok(fits);
    await assert.rejects(
      clients.error?.chat.completions.create({
        model: 'openai/gpt-4o-small',
        messages: short,
        max_tokens: 250,
      }) ?? Promise.resolve(),
      OpenAI.BadRequestError,
    );
  });

  test('trim drops the oldest turns and keeps the system message and the latest turn', async () => {
    const { data, response } = await ask('trim');
    // 75 words are 150 tokens: dropping the first turn (a user message and its answer) makes it fit.
    assert.equal(data.choices[0]?.message.content, 'gpt-4o-small:4');
    assert.equal(response.headers.get('x-strata-context-trimmed'), '2');
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}') as { messages: Array<{ role: string }> };
    assert.deepEqual(
      sent.messages.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
  });

  test('fallback moves the call to the configured model with a larger window', async () => {
    const { data, response } = await ask('fallback');
    assert.equal(data.choices[0]?.message.content, 'gpt-4o-large:6');
    assert.equal(response.headers.get('x-strata-model'), 'gpt-4o-large');
  });
});
