import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyOf, helloRequest, rejectsWith, serveJson, testApiKey } from '../testing/provider-harness.js';
import { anthropicVersion } from './anthropic-provider.js';
import { startAnthropicAgainst } from './test-harness.js';

const request = { ...helloRequest, model: 'claude-sonnet-4-20250514' };

test('chat posts to /v1/messages with the key, version and translated body, and translates the answer', async (t) => {
  const { upstream, provider } = await startAnthropicAgainst(
    t,
    serveJson(200, 'anthropic/message-text.json'),
  );
  const response = await provider.chat({
    ...request,
    messages: [{ role: 'system', content: 'Be brief.' }, ...request.messages],
  });
  const sent = upstream.requests[0];
  assert.equal(sent?.method, 'POST');
  assert.equal(sent?.path, '/v1/messages');
  assert.equal(sent?.headers['x-api-key'], testApiKey);
  assert.equal(sent?.headers['anthropic-version'], anthropicVersion);
  assert.equal(sent?.headers.authorization, undefined);
  assert.deepEqual(bodyOf(sent), {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 4096,
    system: 'Be brief.',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  });
  assert.equal(response.choices[0]?.message.content, 'Hello! How can I help you today?');
  assert.equal(response.choices[0]?.finish_reason, 'stop');
  assert.equal(response.usage?.total_tokens, 24);
  assert.equal(provider.kind, 'anthropic');
});

test('json_schema output: the forced tool goes up, its input comes back as the content', async (t) => {
  const { upstream, provider } = await startAnthropicAgainst(
    t,
    serveJson(200, 'anthropic/message-json-schema.json'),
  );
  const schema = { type: 'object', properties: { city: { type: 'string' } } };
  const response = await provider.chat({
    ...request,
    response_format: { type: 'json_schema', json_schema: { name: 'weather_report', schema } },
  });
  assert.deepEqual(bodyOf(upstream.requests[0]).tool_choice, { type: 'tool', name: 'weather_report' });
  assert.equal(response.choices[0]?.finish_reason, 'stop');
  assert.equal(JSON.parse(response.choices[0]?.message.content as string).city, 'Paris');
});

test('unsupported parameters are refused before any upstream call', async (t) => {
  const { upstream, provider } = await startAnthropicAgainst(
    t,
    serveJson(200, 'anthropic/message-text.json'),
  );
  const error = await rejectsWith(provider.chat({ ...request, seed: 1 }), 'unsupported_parameter');
  assert.equal(error.param, 'seed');
  await rejectsWith(provider.stream({ ...request, n: 3 }), 'unsupported_parameter');
  assert.equal(upstream.requests.length, 0);
  assert.deepEqual(provider.capabilities.unsupportedParameters.includes('logit_bias'), true);
});

test('a 400 invalid_request_error passes its message through', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveJson(400, 'anthropic/error-400.json'));
  const error = await rejectsWith(provider.chat(request), 'upstream_invalid_request');
  assert.equal(error.status, 400);
  assert.match(error.message, /max_tokens: 100000 > 64000/);
});

test('a 401 is an auth failure that names the provider, not the key', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveJson(401, 'anthropic/error-401.json'));
  const error = await rejectsWith(provider.chat(request), 'upstream_auth_failed');
  assert.equal(error.retryable, false);
  assert.match(error.message, /anthropic/);
});

test('a 429 is rate limited, retryable, and carries retry-after', async (t) => {
  const { provider } = await startAnthropicAgainst(
    t,
    serveJson(429, 'anthropic/error-429.json', { 'retry-after': '7' }),
  );
  const error = await rejectsWith(provider.chat(request), 'upstream_rate_limited');
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 7000);
  assert.equal(error.headers['retry-after'], '7');
  assert.match(error.message, /50,000 input tokens per minute/);
});

test('a 529 overloaded is a retryable upstream_unavailable, for chat and stream', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveJson(529, 'anthropic/error-529.json'));
  const error = await rejectsWith(provider.chat(request), 'upstream_unavailable');
  assert.equal(error.retryable, true);
  assert.equal(error.status, 503);
  assert.match(error.message, /overloaded \(529\): Overloaded/);
  await rejectsWith(provider.stream(request), 'upstream_unavailable');
});

test('a 200 that is not a Messages answer is a malformed response', async (t) => {
  const { provider } = await startAnthropicAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"hello":"world"}');
  });
  await rejectsWith(provider.chat(request), 'upstream_malformed_response');
});

test('embeddings are not offered', async (t) => {
  const { upstream, provider } = await startAnthropicAgainst(
    t,
    serveJson(200, 'anthropic/message-text.json'),
  );
  assert.equal(provider.capabilities.embeddings, false);
  const error = await rejectsWith(provider.embed({ model: 'claude', input: 'x' }), 'invalid_request');
  assert.equal(error.status, 400);
  assert.equal(upstream.requests.length, 0);
});
