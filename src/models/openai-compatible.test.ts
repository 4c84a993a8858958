import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bodyOf,
  helloRequest,
  rejectsWith,
  serveJson,
  startProviderAgainst,
  testApiKey,
} from './testing/provider-harness.js';

test('chat posts the request without stream fields, with a bearer key, and parses the answer', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveJson(200, 'openai/chat-completion.json'));
  const response = await provider.chat({
    ...helloRequest,
    stream: false,
    stream_options: { include_usage: true },
  });
  assert.equal(response.choices[0]?.message.content, 'Hello! How can I assist you today?');
  assert.equal(response.usage?.total_tokens, 29);
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1/chat/completions');
  assert.equal(received?.headers.authorization, `Bearer ${testApiKey}`);
  assert.equal(received?.headers['content-type'], 'application/json');
  assert.deepEqual(bodyOf(received), {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello' }],
  });
});

test('tool calls and json_schema answers come back as sent', async (t) => {
  const { provider: tools } = await startProviderAgainst(t, serveJson(200, 'openai/tool-call.json'));
  const called = await tools.chat(helloRequest);
  assert.equal(called.choices[0]?.finish_reason, 'tool_calls');
  assert.equal(called.choices[0]?.message.tool_calls?.[0]?.function.name, 'get_current_weather');
  const { provider: structured } = await startProviderAgainst(t, serveJson(200, 'openai/json-schema.json'));
  const answer = await structured.chat(helloRequest);
  assert.deepEqual(JSON.parse(String(answer.choices[0]?.message.content)).participants, ['Alice', 'Bob']);
});

test('extra headers and query parameters reach the upstream; a keyless provider sends no auth', async (t) => {
  const { upstream, provider } = await startProviderAgainst(
    t,
    serveJson(200, 'openai/chat-completion.json'),
    {
      apiKey: undefined,
      headers: { 'x-team': 'search' },
      query: { tier: 'fast' },
    },
  );
  await provider.chat(helloRequest);
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1/chat/completions?tier=fast');
  assert.equal(received?.headers['x-team'], 'search');
  assert.equal(received?.headers.authorization, undefined);
});

test('embed posts to /embeddings and parses the vectors', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveJson(200, 'openai/embeddings.json'));
  const response = await provider.embed({ model: 'text-embedding-3-small', input: 'helloRequest' });
  assert.equal(response.data[0]?.embedding.length, 3);
  assert.equal(upstream.requests[0]?.path, '/v1/embeddings');
  assert.deepEqual(bodyOf(upstream.requests[0]), { model: 'text-embedding-3-small', input: 'helloRequest' });
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
    const { provider } = await startProviderAgainst(t, serveJson(status, fixture));
    await rejectsWith(provider.chat(helloRequest), code);
    await rejectsWith(provider.stream(helloRequest), code);
  }
  const { provider } = await startProviderAgainst(t, serveJson(400, 'openai/error-400.json'));
  const error = await rejectsWith(provider.chat(helloRequest), 'upstream_invalid_request');
  assert.match(error.message, /Invalid value for 'temperature'/);
});

test('a 429 carries Retry-After through to the error', async (t) => {
  const { provider } = await startProviderAgainst(
    t,
    serveJson(429, 'openai/error-429.json', { 'retry-after': '7' }),
  );
  const error = await rejectsWith(provider.chat(helloRequest), 'upstream_rate_limited');
  assert.equal(error.retryAfterMs, 7000);
  assert.deepEqual(error.headers, { 'retry-after': '7' });
  assert.equal(error.retryable, true);
});

test('a 200 that is not JSON, or has no choices, is a malformed response', async (t) => {
  const { provider: html } = await startProviderAgainst(t, (_request, response) => {
    response.end('<html>oops</html>');
  });
  await rejectsWith(html.chat(helloRequest), 'upstream_malformed_response');
  const { provider: empty } = await startProviderAgainst(t, (_request, response) => {
    response.end('{"id":"x"}');
  });
  await rejectsWith(empty.chat(helloRequest), 'upstream_malformed_response');
});

test('a refused connection is a retryable connection failure', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveJson(200, 'openai/chat-completion.json'));
  await upstream.close();
  const error = await rejectsWith(provider.chat(helloRequest), 'upstream_connection_failed');
  assert.equal(error.retryable, true);
});

test('an upstream slower than timeoutMs times out', async (t) => {
  const { provider } = await startProviderAgainst(t, () => undefined, { timeoutMs: 5000 });
  const error = await rejectsWith(provider.chat(helloRequest, { timeoutMs: 50 }), 'upstream_timeout');
  assert.equal(error.retryable, true);
  await rejectsWith(provider.stream(helloRequest, { timeoutMs: 50 }), 'upstream_timeout');
});

test('an already aborted signal never reaches the upstream', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveJson(200, 'openai/chat-completion.json'));
  await rejectsWith(provider.chat(helloRequest, { signal: AbortSignal.abort() }), 'client_closed_request');
  assert.equal(upstream.requests.length, 0);
});

test('unsupported parameters are refused before any upstream call', async (t) => {
  const { upstream, provider } = await startProviderAgainst(
    t,
    serveJson(200, 'openai/chat-completion.json'),
    {
      id: 'groq',
      unsupportedParameters: ['logit_bias', 'n'],
    },
  );
  const error = await rejectsWith(
    provider.chat({ ...helloRequest, logit_bias: { '50256': -100 } }),
    'unsupported_parameter',
  );
  assert.equal(error.status, 400);
  assert.equal(error.param, 'logit_bias');
  assert.equal(error.message, 'groq does not support `logit_bias`');
  await rejectsWith(provider.stream({ ...helloRequest, n: 2 }), 'unsupported_parameter');
  assert.equal(upstream.requests.length, 0);
  await provider.chat({ ...helloRequest, n: 1 });
  assert.equal(upstream.requests.length, 1);
});

test('a provider without embeddings refuses embed', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveJson(200, 'openai/embeddings.json'), {
    embeddings: false,
  });
  await rejectsWith(provider.embed({ model: 'x', input: 'helloRequest' }), 'invalid_request');
  assert.equal(provider.capabilities.embeddings, false);
  assert.equal(upstream.requests.length, 0);
});
