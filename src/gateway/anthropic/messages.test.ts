import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { readFixture } from '../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

/** Serves recorded OpenAI responses; the upstream model name picks the scenario. */
function startRecordedOpenAI(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { model: string; stream?: boolean; tools?: unknown };
    const json = (status: number, fixture: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(readFixture(fixture));
    };
    if (body.model === 'rate-limited') return json(429, 'openai/error-429.json', { 'retry-after': '2' });
    if (body.model === 'broken') return json(500, 'openai/error-500.json');
    if (body.model === 'cut-off') {
      // One chunk, then the connection drops mid-stream.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`${readFixture('openai/stream-content.sse').split('\n\n')[1]}\n\n`);
      return void setTimeout(() => response.destroy(), 20);
    }
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(
        readFixture(body.tools ? 'openai/stream-tool-call.sse' : 'openai/stream-content.sse'),
      );
    }
    return json(200, body.tools ? 'openai/tool-call.json' : 'openai/chat-completion.json');
  });
}

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The current weather in a place',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

describe('POST /v1/messages, driven by the official Anthropic SDK', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: Anthropic;
  const sent = () => JSON.parse(upstream.requests.at(-1)?.body ?? '{}');

  before(async () => {
    upstream = await startRecordedOpenAI();
    gateway = await startGateway({
      providers: {
        fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' },
      },
      models: [{ name: 'fast', provider: 'fake', model: 'gpt-4o-mini' }],
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('a text answer comes back as an Anthropic message, and the call is logged', async () => {
    const { data, response } = await client.messages
      .create({ model: 'fast', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    assert.match(data.id, /^msg_/);
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'fast');
    assert.deepEqual(data.content, [{ type: 'text', text: 'Hello! How can I assist you today?' }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.usage.input_tokens, 19);
    assert.equal(data.usage.output_tokens, 10);
    assert.equal(response.headers.get('x-strata-provider'), 'fake');
    assert.deepEqual(sent().messages, [{ role: 'user', content: 'Say hello' }]);
    assert.equal(sent().max_tokens, 64);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
    assert.equal(row?.endpoint, '/v1/messages');
    assert.equal(row?.status, 200);
  });

  test('the system prompt, sampling and metadata reach the upstream in OpenAI form', async () => {
    // Sampling fields older clients send; the current SDK types no longer list them, so no object literal.
    const params = {
      model: 'fast',
      max_tokens: 32,
      system: [
        { type: 'text' as const, text: 'You are terse.' },
        { type: 'text' as const, text: 'Answer in French.', cache_control: { type: 'ephemeral' as const } },
      ],
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }],
      stop_sequences: ['END'],
      temperature: 0.2,
      top_k: 40,
      metadata: { user_id: 'user-7' },
    };
    await client.messages.create(params);
    const body = sent();
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are terse.\n\nAnswer in French.' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.deepEqual(body.stop, ['END']);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_k, 40);
    assert.equal(body.user, 'user-7');
  });

  test('tools: tool_use comes back with parsed input, and a tool_result turn goes up as a tool message', async () => {
    const first = await client.messages.create({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Weather in Boston?' }],
    });
    assert.equal(first.stop_reason, 'tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    assert.ok(toolUse && toolUse.type === 'tool_use');
    assert.equal(toolUse.id, 'call_abc123');
    assert.equal(toolUse.name, 'get_current_weather');
    assert.deepEqual(toolUse.input, { location: 'Boston, MA' });
    const firstBody = sent();
    assert.equal(firstBody.tool_choice, 'required');
    assert.equal(firstBody.parallel_tool_calls, false);
    assert.deepEqual(firstBody.tools, [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: weatherTool.description,
          parameters: weatherTool.input_schema,
        },
      },
    ]);

    await client.messages.create({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Boston?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse.id, content: '22°C, sunny' },
            { type: 'text', text: 'Thanks. Shorts?' },
          ],
        },
      ],
    });
    const messages = sent().messages;
    assert.deepEqual(messages[1].tool_calls, [
      {
        id: 'call_abc123',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' },
      },
    ]);
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: 'call_abc123', content: '22°C, sunny' });
    assert.deepEqual(messages[3], { role: 'user', content: 'Thanks. Shorts?' });
  });

  test('streaming: the SDK assembles the text, and usage arrives in message_delta', async () => {
    const stream = client.messages.stream({
      model: 'fast',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    let text = '';
    const eventTypes: string[] = [];
    stream.on('text', (delta) => {
      text += delta;
    });
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const message = await stream.finalMessage();
    assert.equal(text, 'Hello! How can I help you today? ☀️ Grüße');
    assert.deepEqual(message.content, [{ type: 'text', text }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.model, 'fast');
    assert.equal(message.usage.output_tokens, 12);
    assert.equal(message.usage.input_tokens, 11);
    assert.equal(eventTypes[0], 'message_start');
    assert.equal(eventTypes.at(-1), 'message_stop');
    assert.equal(sent().stream, true);
  });

  test('streamed tool use: input_json_delta fragments are assembled into the tool input', async () => {
    const stream = client.messages.stream({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const message = await stream.finalMessage();
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.content.length, 1);
    const block = message.content[0];
    assert.ok(block && block.type === 'tool_use');
    assert.equal(block.id, 'call_DdmO9pD3xa9XTPNJ32zg2hcA');
    assert.equal(block.name, 'get_weather');
    assert.deepEqual(block.input, { location: 'Paris, France' });
    assert.equal(message.usage.output_tokens, 16);
  });

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
      message: 'Incorrect API key provided, or the key was revoked.',
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

  test('count_tokens estimates the input, and knows unknown models', async () => {
    const small = await client.messages.countTokens({
      model: 'fast',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    assert.equal(small.input_tokens, 1 + 4);
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
