import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Serves recorded OpenAI responses; the upstream model name picks the scenario. */
function startRecordedOpenAI(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    if (recorded.path.endsWith('/embeddings')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(readFixture('openai/embeddings.json'));
    }
    const body = JSON.parse(recorded.body) as { model: string; stream?: boolean; tools?: unknown };
    const json = (status: number, fixture: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(readFixture(fixture));
    };
    if (body.model === 'rate-limited') return json(429, 'openai/error-429.json', { 'retry-after': '2' });
    if (body.model === 'broken') return json(500, 'openai/error-500.json');
    if (body.model === 'bad-upstream-key') return json(401, 'openai/error-401.json');
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(
        readFixture(body.tools ? 'openai/stream-tool-call.sse' : 'openai/stream-content.sse'),
      );
    }
    if (body.model === 'json') return json(200, 'openai/json-schema.json');
    return json(200, body.tools ? 'openai/tool-call.json' : 'openai/chat-completion.json');
  });
}

describe('the gateway, driven by the official openai SDK', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startRecordedOpenAI();
    gateway = await startGateway({
      providers: {
        fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' },
      },
      models: [{ name: 'fast', provider: 'fake', model: 'gpt-4o-mini' }],
      aliases: { default: 'fast' },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('chat: the recorded answer comes back with request id and served-by headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.match(data.choices[0]?.message.content ?? '', /\w/);
    assert.ok(data.usage && data.usage.total_tokens > 0);
    assert.match(response.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    assert.equal(response.headers.get('x-strata-model'), 'gpt-4o-mini');
    assert.equal(response.headers.get('x-strata-provider'), 'fake');
    const sent = upstream.requests.at(-1);
    assert.equal(sent?.headers.authorization, 'Bearer sk-upstream-secret');
    assert.equal(JSON.parse(sent?.body ?? '{}').model, 'gpt-4o-mini');
  });

  test('an alias and provider/model both resolve', async () => {
    const viaAlias = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const direct = await client.chat.completions.create({
      model: 'fake/gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(viaAlias.object, 'chat.completion');
    assert.equal(direct.object, 'chat.completion');
    assert.equal(JSON.parse(upstream.requests.at(-1)?.body ?? '{}').model, 'gpt-4.1');
  });

  test('streaming: text deltas arrive in order, and usage only when the client asks', async () => {
    const withoutUsage = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
    });
    let text = '';
    let usageChunks = 0;
    for await (const chunk of withoutUsage) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usageChunks++;
    }
    assert.ok(text.length > 0);
    assert.equal(usageChunks, 0);
    assert.equal(JSON.parse(upstream.requests.at(-1)?.body ?? '{}').stream_options?.include_usage, true);

    const withUsage = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    let streamedText = '';
    for await (const chunk of withUsage) {
      streamedText += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(streamedText, text);
    assert.ok(usage && usage.completion_tokens > 0);
  });

  test('tools: tool calls come back parsed, and the tool schema reaches the upstream', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { location: { type: 'string' } },
            required: ['location'],
          },
        },
      },
    ];
    const completion = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
      tool_choice: 'auto',
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call && call.type === 'function');
    assert.doesNotThrow(() => JSON.parse(call.function.arguments));
    assert.deepEqual(JSON.parse(upstream.requests.at(-1)?.body ?? '{}').tools, tools);

    const stream = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'x' }],
      tools,
      stream: true,
    });
    let argumentsText = '';
    let name: string | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name ??= delta?.function?.name;
      argumentsText += delta?.function?.arguments ?? '';
    }
    assert.ok(name);
    assert.doesNotThrow(() => JSON.parse(argumentsText));
  });

  test('JSON schema output: response_format is passed through and the JSON answer parses', async () => {
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'answer',
        strict: true,
        schema: {
          type: 'object',
          properties: { answer: { type: 'string' } },
          required: ['answer'],
          additionalProperties: false,
        },
      },
    };
    const completion = await client.chat.completions.create({
      model: 'fake/json',
      messages: [{ role: 'user', content: 'Answer in JSON' }],
      response_format: responseFormat,
      seed: 7,
      temperature: 0,
    });
    assert.doesNotThrow(() => JSON.parse(completion.choices[0]?.message.content ?? ''));
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    assert.deepEqual(sent.response_format, responseFormat);
    assert.equal(sent.seed, 7);
  });

  test('embeddings and models', async () => {
    const embeddings = await client.embeddings.create({
      model: 'fake/text-embedding-3-small',
      input: ['a', 'b'],
    });
    assert.ok(embeddings.data.length > 0);
    assert.ok(Array.isArray(embeddings.data[0]?.embedding));
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    // The built-in local/extractive model is always listed beside the configured names.
    assert.deepEqual(models.sort(), ['default', 'fast', 'local/extractive']);
    const one = await client.models.retrieve('fast');
    assert.equal(one.owned_by, 'fake');
  });

  test('legacy completions are translated to chat', async () => {
    const completion = await client.completions.create({ model: 'fast', prompt: 'Say hello', max_tokens: 5 });
    assert.equal(completion.object, 'text_completion');
    assert.match(completion.choices[0]?.text ?? '', /\w/);
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    assert.deepEqual(sent.messages, [{ role: 'user', content: 'Say hello' }]);
    await assert.rejects(
      client.completions.create({ model: 'fast', prompt: 'x', echo: true }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'echo',
    );
  });

  test('errors arrive as the SDK typed errors, in the one OpenAI error shape', async () => {
    const noKey = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await assert.rejects(
      noKey.models.list(),
      (error: unknown) => error instanceof OpenAI.AuthenticationError && error.code === 'invalid_api_key',
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) =>
        error instanceof OpenAI.NotFoundError && error.code === 'model_not_found' && error.param === 'model',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'fast',
        messages: [{ role: 'robot' as 'user', content: 'x' }],
      }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'messages[0].role',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'fast',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 5,
      }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'temperature',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'fake/rate-limited',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (error: unknown) =>
        error instanceof OpenAI.RateLimitError &&
        error.code === 'upstream_rate_limited' &&
        error.headers.get('retry-after') === '2',
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'fake/broken', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) =>
        error instanceof OpenAI.APIError && error.status === 502 && error.code === 'upstream_error',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'fake/bad-upstream-key',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (error: unknown) =>
        error instanceof OpenAI.APIError &&
        error.status === 502 &&
        !String(error.message).includes('sk-upstream-secret'),
    );
  });

  test('malformed JSON, a non-object body, a wrong content type and an unknown route get the one error shape', async () => {
    const post = (path: string, body: string, contentType = 'application/json') =>
      request(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': contentType },
        body,
      });
    const cases = [
      {
        response: await post('/v1/chat/completions', '{"model": "fast", '),
        status: 400,
        code: 'invalid_json',
      },
      { response: await post('/v1/chat/completions', '[1,2]'), status: 400, code: 'invalid_request' },
      {
        response: await post('/v1/chat/completions', 'model=fast', 'application/x-www-form-urlencoded'),
        status: 415,
        code: 'unsupported_media_type',
      },
      { response: await post('/v1/nothing-here', '{}'), status: 404, code: 'not_found' },
    ];
    for (const { response, status, code } of cases) {
      assert.equal(response.statusCode, status);
      const body = (await response.body.json()) as { error: Record<string, unknown> };
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
      assert.equal(body.error.code, code);
    }
  });

  test('every request lands in the request log exactly once, with served model and usage', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'log me' }] })
      .withResponse();
    const requestId = response.headers.get('x-request-id') ?? '';
    const failed = await client.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .withResponse()
      .catch((error: InstanceType<typeof OpenAI.APIError>) => error);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(requestId);
    assert.equal(row?.status, 200);
    assert.equal(row?.servedModel, 'gpt-4o-mini');
    assert.equal(row?.provider, 'fake');
    assert.equal(row?.requestedModel, 'fast');
    assert.ok((row?.inputTokens ?? 0) > 0 && (row?.outputTokens ?? 0) > 0);
    const failedId = failed instanceof OpenAI.APIError ? failed.headers?.get('x-request-id') : null;
    const failedRow = await gateway.stack.requestLog.get(failedId ?? '');
    assert.equal(failedRow?.status, 404);
    assert.equal(failedRow?.errorCode, 'model_not_found');
  });
});
