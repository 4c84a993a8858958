import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { type MessagesGateway, startMessagesGateway, weatherTool } from './testing/messages-gateway.js';

describe('POST /v1/messages errors and count_tokens, driven by the official Anthropic SDK', () => {
  let running: MessagesGateway;
  let client: Anthropic;
  let gateway: MessagesGateway['gateway'];

  before(async () => {
    running = await startMessagesGateway();
    client = running.client;
    gateway = running.gateway;
  });
  after(() => running.close());

  test('errors arrive as the SDK typed errors, in Anthropic error shape', async () => {
    const wrongKey = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const hello = { max_tokens: 16, messages: [{ role: 'user' as const, content: 'x' }] };
    await assert.rejects(
      wrongKey.messages.create({ model: 'fast', ...hello }),
      (error: unknown) => error instanceof Anthropic.AuthenticationError,
    );
    await assert.rejects(
      client.messages.create({ model: 'no-such-model', ...hello }),
      (error: unknown) =>
        error instanceof Anthropic.NotFoundError &&
        (error.error as { error?: { type?: string } }).error?.type === 'not_found_error',
    );
    await assert.rejects(
      client.messages.create({
        model: 'fast',
        messages: hello.messages,
      } as Anthropic.MessageCreateParamsNonStreaming),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /max_tokens/.test(error.message),
    );
    await assert.rejects(
      client.messages.create({ model: 'fake/rate-limited', ...hello }),
      (error: unknown) =>
        error instanceof Anthropic.RateLimitError && error.headers.get('retry-after') === '2',
    );
    await assert.rejects(
      client.messages.create({
        model: 'fast',
        max_tokens: 16,
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }],
          },
        ],
      }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /document/.test(error.message),
    );
  });

  test('an error body has exactly the Anthropic shape, and other routes keep the OpenAI shape', async () => {
    const post = (path: string, body: string) =>
      request(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': gateway.masterKey, 'content-type': 'application/json' },
        body,
      });
    const broken = await post('/v1/messages', '{"model": ');
    assert.equal(broken.statusCode, 400);
    const brokenBody = (await broken.body.json()) as Record<string, unknown>;
    assert.equal(brokenBody.type, 'error');
    assert.deepEqual(Object.keys(brokenBody.error as object).sort(), ['message', 'type']);
    const upstreamDown = await post(
      '/v1/messages',
      '{"model":"fake/broken","max_tokens":5,"messages":[{"role":"user","content":"x"}]}',
    );
    assert.equal(upstreamDown.statusCode, 502);
    assert.equal(((await upstreamDown.body.json()) as { error: { type: string } }).error.type, 'api_error');
    const wrongKey = await request(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(wrongKey.statusCode, 401);
    assert.deepEqual(((await wrongKey.body.json()) as { error: unknown }).error, {
      type: 'authentication_error',
      message: 'Incorrect API key provided, or the key was revoked or expired.',
    });
    const chat = await post('/v1/chat/completions', '{"model": ');
    const chatBody = (await chat.body.json()) as { error: Record<string, unknown> };
    assert.equal(chatBody.error.code, 'invalid_json');
  });

  test('a stream that breaks after it started ends with an error event the SDK raises', async () => {
    const stream = client.messages.stream({
      model: 'fake/cut-off',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'x' }],
    });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    await assert.rejects(stream.finalMessage(), (error: unknown) => error instanceof Anthropic.APIError);
    assert.equal(text, 'Hello');
  });

  test('a request rejected at the edge is logged under /v1/messages', async () => {
    const failed = await client.messages
      .create({ model: 'fast', max_tokens: 0, messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    assert.ok(failed instanceof Anthropic.BadRequestError);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(
      failed.requestID ?? failed.headers.get('x-request-id') ?? '',
    );
    assert.equal(row?.endpoint, '/v1/messages');
    assert.equal(row?.status, 400);
    assert.equal(row?.errorCode, 'invalid_request');
  });

  test('count_tokens counts the input with the serving model tokenizer, and knows unknown models', async () => {
    const small = await client.messages.countTokens({
      model: 'fast',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    // `fast` is gpt-4o-mini (o200k): 'Hi' is 1 token, plus 3 per message, 1 for the role, 3 to prime the reply.
    assert.equal(small.input_tokens, 1 + 3 + 1 + 3);
    const larger = await client.messages.countTokens({
      model: 'fast',
      system: 'You are terse.',
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'What is the weather in Boston today?' }],
    });
    assert.ok(larger.input_tokens > small.input_tokens + 20);
    await assert.rejects(
      client.messages.countTokens({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof Anthropic.NotFoundError,
    );
  });
});
