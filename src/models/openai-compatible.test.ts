import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { type TestContext, test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatChunk, ChatRequest } from '../core/types.js';
import { createOpenAICompatibleProvider, type OpenAICompatibleOptions } from './openai-compatible.js';
import {
  type FakeUpstreamHandler,
  type RecordedRequest,
  startFakeUpstream,
} from './testing/fake-upstream.js';
import { readFixture } from './testing/fixtures.js';

const apiKey = 'sk-test-0123456789';
const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };

async function setUp(
  t: TestContext,
  handler: FakeUpstreamHandler,
  options: Partial<OpenAICompatibleOptions> = {},
) {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createOpenAICompatibleProvider({
    id: 'openai',
    kind: 'openai',
    baseURL: `${upstream.url}/v1/`,
    apiKey,
    ...options,
  });
  return { upstream, provider };
}

function json(status: number, fixture: string, headers: Record<string, string> = {}): FakeUpstreamHandler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(readFixture(fixture));
  };
}

function sse(fixture: string): FakeUpstreamHandler {
  return async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const text = readFixture(fixture);
    // Uneven pieces put chunk boundaries mid-line and mid-character.
    for (let start = 0; start < text.length; start += 97) {
      response.write(text.slice(start, start + 97));
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  };
}

function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  assert.ok(request, 'the upstream received no request');
  return JSON.parse(request.body);
}

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function closed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.on('close', () => resolve()));
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StrataError, `expected a StrataError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.doesNotMatch(error.message, new RegExp(apiKey));
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

test('chat posts the request without stream fields, with a bearer key, and parses the answer', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/chat-completion.json'));
  const response = await provider.chat({ ...hello, stream: false, stream_options: { include_usage: true } });
  assert.equal(response.choices[0]?.message.content, 'Hello! How can I assist you today?');
  assert.equal(response.usage?.total_tokens, 29);
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1/chat/completions');
  assert.equal(received?.headers.authorization, `Bearer ${apiKey}`);
  assert.equal(received?.headers['content-type'], 'application/json');
  assert.deepEqual(bodyOf(received), {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello' }],
  });
});

test('tool calls and json_schema answers come back as sent', async (t) => {
  const { provider: tools } = await setUp(t, json(200, 'openai/tool-call.json'));
  const called = await tools.chat(hello);
  assert.equal(called.choices[0]?.finish_reason, 'tool_calls');
  assert.equal(called.choices[0]?.message.tool_calls?.[0]?.function.name, 'get_current_weather');
  const { provider: structured } = await setUp(t, json(200, 'openai/json-schema.json'));
  const answer = await structured.chat(hello);
  assert.deepEqual(JSON.parse(String(answer.choices[0]?.message.content)).participants, ['Alice', 'Bob']);
});

test('extra headers and query parameters reach the upstream; a keyless provider sends no auth', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/chat-completion.json'), {
    apiKey: undefined,
    headers: { 'x-team': 'search' },
    query: { tier: 'fast' },
  });
  await provider.chat(hello);
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1/chat/completions?tier=fast');
  assert.equal(received?.headers['x-team'], 'search');
  assert.equal(received?.headers.authorization, undefined);
});

test('stream injects include_usage, keeps the client stream_options, and yields every chunk', async (t) => {
  const { upstream, provider } = await setUp(t, sse('openai/stream-content.sse'));
  const chunks = await collect(await provider.stream({ ...hello, stream_options: { include_usage: false } }));
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  assert.equal(text, 'Hello! How can I help you today? ☀️ Grüße');
  assert.equal(chunks.at(-1)?.usage?.total_tokens, 23);
  const sent = bodyOf(upstream.requests[0]);
  assert.equal(sent.stream, true);
  assert.deepEqual(sent.stream_options, { include_usage: true });
  assert.equal(upstream.requests[0]?.headers.accept, 'text/event-stream');
});

test('stream leaves stream_options alone where the upstream does not accept them', async (t) => {
  const { upstream, provider } = await setUp(t, sse('openai/stream-content.sse'), {
    supportsStreamUsage: false,
  });
  await collect(await provider.stream(hello));
  assert.equal('stream_options' in bodyOf(upstream.requests[0]), false);
});

test('streamed tool-call argument deltas arrive in order', async (t) => {
  const { provider } = await setUp(t, sse('openai/stream-tool-call.sse'));
  const chunks = await collect(await provider.stream(hello));
  const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
  assert.equal(calls[0]?.function?.name, 'get_weather');
  assert.equal(calls.map((call) => call.function?.arguments ?? '').join(''), '{"location":"Paris, France"}');
  assert.equal(
    chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason,
    'tool_calls',
  );
});

test('embed posts to /embeddings and parses the vectors', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/embeddings.json'));
  const response = await provider.embed({ model: 'text-embedding-3-small', input: 'hello' });
  assert.equal(response.data[0]?.embedding.length, 3);
  assert.equal(upstream.requests[0]?.path, '/v1/embeddings');
  assert.deepEqual(bodyOf(upstream.requests[0]), { model: 'text-embedding-3-small', input: 'hello' });
});

test('upstream error statuses reject chat and stream with the mapped error', async (t) => {
  const cases: Array<[number, string, string]> = [
    [400, 'openai/error-400.json', 'upstream_invalid_request'],
    [401, 'openai/error-401.json', 'upstream_auth_failed'],
    [404, 'openai/error-404.json', 'upstream_not_found'],
    [500, 'openai/error-500.json', 'upstream_error'],
    [503, 'openai/error-503.json', 'upstream_unavailable'],
  ];
  for (const [status, fixture, code] of cases) {
    const { provider } = await setUp(t, json(status, fixture));
    await rejectsWith(provider.chat(hello), code);
    await rejectsWith(provider.stream(hello), code);
  }
  const { provider } = await setUp(t, json(400, 'openai/error-400.json'));
  const error = await rejectsWith(provider.chat(hello), 'upstream_invalid_request');
  assert.match(error.message, /Invalid value for 'temperature'/);
});

test('a 429 carries Retry-After through to the error', async (t) => {
  const { provider } = await setUp(t, json(429, 'openai/error-429.json', { 'retry-after': '7' }));
  const error = await rejectsWith(provider.chat(hello), 'upstream_rate_limited');
  assert.equal(error.retryAfterMs, 7000);
  assert.deepEqual(error.headers, { 'retry-after': '7' });
  assert.equal(error.retryable, true);
});

test('a 200 that is not JSON, or has no choices, is a malformed response', async (t) => {
  const { provider: html } = await setUp(t, (_request, response) => {
    response.end('<html>oops</html>');
  });
  await rejectsWith(html.chat(hello), 'upstream_malformed_response');
  const { provider: empty } = await setUp(t, (_request, response) => {
    response.end('{"id":"x"}');
  });
  await rejectsWith(empty.chat(hello), 'upstream_malformed_response');
});

test('a malformed data line or an error event mid-stream throws from the iterator', async (t) => {
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider: broken } = await setUp(t, (_request, response) => {
    response.end(`${first}\n\ndata: {"id": truncated\n\n`);
  });
  await rejectsWith(collect(await broken.stream(hello)), 'upstream_malformed_response');
  const { provider: failing } = await setUp(t, (_request, response) => {
    response.end(
      `${first}\n\ndata: {"error":{"message":"The server had an error","type":"server_error"}}\n\n`,
    );
  });
  const error = await rejectsWith(collect(await failing.stream(hello)), 'upstream_error');
  assert.match(error.message, /The server had an error/);
});

test('a connection reset mid-stream is a retryable connection failure', async (t) => {
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await setUp(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n`, () => setTimeout(() => response.socket?.destroy(), 20));
  });
  const stream = await provider.stream(hello);
  const error = await rejectsWith(collect(stream), 'upstream_connection_failed');
  assert.equal(error.retryable, true);
});

test('a refused connection is a retryable connection failure', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/chat-completion.json'));
  await upstream.close();
  const error = await rejectsWith(provider.chat(hello), 'upstream_connection_failed');
  assert.equal(error.retryable, true);
});

test('an upstream slower than timeoutMs times out', async (t) => {
  const { provider } = await setUp(t, () => undefined, { timeoutMs: 5000 });
  const error = await rejectsWith(provider.chat(hello, { timeoutMs: 50 }), 'upstream_timeout');
  assert.equal(error.retryable, true);
  await rejectsWith(provider.stream(hello, { timeoutMs: 50 }), 'upstream_timeout');
});

test("the caller's abort ends the stream and closes the upstream connection", async (t) => {
  let upstreamClosed: Promise<void> = Promise.resolve();
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await setUp(t, (_request, response) => {
    upstreamClosed = closed(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n`);
  });
  const controller = new AbortController();
  const iterator = (await provider.stream(hello, { signal: controller.signal }))[Symbol.asyncIterator]();
  assert.equal((await iterator.next()).done, false);
  controller.abort();
  await rejectsWith(iterator.next(), 'client_closed_request');
  await upstreamClosed;
});

test('an already aborted signal never reaches the upstream', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/chat-completion.json'));
  await rejectsWith(provider.chat(hello, { signal: AbortSignal.abort() }), 'client_closed_request');
  assert.equal(upstream.requests.length, 0);
});

test('stopping iteration early closes the upstream connection', async (t) => {
  let upstreamClosed: Promise<void> = Promise.resolve();
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await setUp(t, (_request, response) => {
    upstreamClosed = closed(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n${first}\n\n`);
  });
  for await (const chunk of await provider.stream(hello)) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    break;
  }
  await upstreamClosed;
});

test('unsupported parameters are refused before any upstream call', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/chat-completion.json'), {
    id: 'groq',
    unsupportedParameters: ['logit_bias', 'n'],
  });
  const error = await rejectsWith(
    provider.chat({ ...hello, logit_bias: { '50256': -100 } }),
    'unsupported_parameter',
  );
  assert.equal(error.status, 400);
  assert.equal(error.param, 'logit_bias');
  assert.equal(error.message, 'groq does not support `logit_bias`');
  await rejectsWith(provider.stream({ ...hello, n: 2 }), 'unsupported_parameter');
  assert.equal(upstream.requests.length, 0);
  await provider.chat({ ...hello, n: 1 });
  assert.equal(upstream.requests.length, 1);
});

test('a provider without embeddings refuses embed', async (t) => {
  const { upstream, provider } = await setUp(t, json(200, 'openai/embeddings.json'), { embeddings: false });
  await rejectsWith(provider.embed({ model: 'x', input: 'hello' }), 'invalid_request');
  assert.equal(provider.capabilities.embeddings, false);
  assert.equal(upstream.requests.length, 0);
});
