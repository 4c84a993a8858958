import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProvider, providersFromEnvironment } from '../create-provider.js';
import { bodyOf, rejectsWith, serveJson, testApiKey } from '../testing/provider-harness.js';
import { startGeminiAgainst } from './gemini-test-kit.js';

const hello = {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user' as const, content: 'Capital of France?' }],
};

test('chat posts generateContent with the API key header and the converted body', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/generate-content.json'));
  await provider.chat({ ...hello, temperature: 0.1, max_tokens: 64 });
  const received = upstream.requests[0];
  assert.equal(received?.method, 'POST');
  assert.equal(received?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
  assert.equal(received?.headers['x-goog-api-key'], testApiKey);
  assert.equal(received?.headers['content-type'], 'application/json');
  assert.equal(received?.headers.authorization, undefined);
  assert.deepEqual(bodyOf(received), {
    contents: [{ role: 'user', parts: [{ text: 'Capital of France?' }] }],
    generationConfig: { temperature: 0.1, maxOutputTokens: 64 },
  });
});

test('a text answer comes back as a chat completion with cached and thinking tokens in usage', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/generate-content.json'));
  const response = await provider.chat(hello);
  assert.equal(response.id, 'chatcmpl-sL0haLnEKNrVz7IPz5TFwQ0');
  assert.equal(response.object, 'chat.completion');
  assert.equal(response.model, 'gemini-2.5-flash');
  assert.deepEqual(response.choices, [
    {
      index: 0,
      message: { role: 'assistant', content: 'Paris is the capital of France.' },
      finish_reason: 'stop',
    },
  ]);
  assert.deepEqual(response.usage, {
    prompt_tokens: 1037,
    completion_tokens: 102,
    total_tokens: 1139,
    prompt_tokens_details: { cached_tokens: 1024 },
    completion_tokens_details: { reasoning_tokens: 94 },
  });
});

test('thought parts are left out of the answer', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/thinking-answer.json'));
  const response = await provider.chat(hello);
  assert.equal(response.choices[0]?.message.content, '2 + 2 = 4');
  assert.equal(response.usage?.completion_tokens, 247);
  assert.equal(response.usage?.completion_tokens_details?.reasoning_tokens, 240);
});

test('a function call comes back as a tool call with JSON arguments', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/function-call.json'));
  const response = await provider.chat(hello);
  assert.deepEqual(response.choices[0], {
    index: 0,
    message: {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_0',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location":"Paris, France","unit":"celsius"}' },
        },
      ],
    },
    finish_reason: 'tool_calls',
  });
});

test('parallel function calls keep their order and text, with distinct ids', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/parallel-function-calls.json'));
  const message = (await provider.chat(hello)).choices[0]?.message;
  assert.equal(message?.content, "I'll check both cities.");
  assert.deepEqual(
    message?.tool_calls?.map((call) => [call.id, call.function.arguments]),
    [
      ['call_0', '{"location":"Paris, France"}'],
      ['call_1', '{"location":"Tokyo, Japan"}'],
    ],
  );
});

test('a prompt blocked by safety is an empty, filtered answer rather than an error', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/blocked-prompt.json'));
  const response = await provider.chat(hello);
  assert.deepEqual(response.choices, [
    { index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' },
  ]);
  assert.equal(response.usage?.prompt_tokens, 14);
  assert.equal(response.usage?.completion_tokens, 0);
});

test('a SAFETY finish is content_filter', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/safety-finish.json'));
  const response = await provider.chat(hello);
  assert.equal(response.choices[0]?.finish_reason, 'content_filter');
  assert.equal(response.choices[0]?.message.content, '');
});

test('a models/ prefix on the model name is not doubled', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/generate-content.json'));
  await provider.chat({ ...hello, model: 'models/gemini-2.0-flash' });
  assert.equal(upstream.requests[0]?.path, '/v1beta/models/gemini-2.0-flash:generateContent');
});

test('Google error bodies map to catalogue errors and keep Google’s message', async (t) => {
  const cases = [
    [400, 'error-400', 'upstream_invalid_request', /contents is not specified/],
    [400, 'error-400-api-key', 'upstream_auth_failed', /check the API key/],
    [403, 'error-403', 'upstream_auth_failed', /check the API key/],
    [429, 'error-429', 'upstream_rate_limited', /You exceeded your current quota/],
    [500, 'error-500', 'upstream_error', /An internal error has occurred/],
    [503, 'error-503', 'upstream_unavailable', /The model is overloaded/],
  ] as const;
  for (const [status, fixture, code, message] of cases) {
    const { provider } = await startGeminiAgainst(t, serveJson(status, `gemini/${fixture}.json`));
    const error = await rejectsWith(provider.chat(hello), code);
    assert.match(error.message, message);
  }
  const { provider } = await startGeminiAgainst(
    t,
    serveJson(429, 'gemini/error-429.json', { 'retry-after': '26' }),
  );
  const limited = await rejectsWith(provider.chat(hello), 'upstream_rate_limited');
  assert.equal(limited.retryable, true);
  assert.equal(limited.retryAfterMs, 26_000);
});

test('logit_bias is refused before any upstream call', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/generate-content.json'));
  await rejectsWith(provider.chat({ ...hello, logit_bias: { '1': 5 } }), 'unsupported_parameter');
  assert.equal(upstream.requests.length, 0);
  assert.deepEqual(provider.capabilities.unsupportedParameters, ['logit_bias']);
});

test('kind gemini is built from config, and GEMINI_API_KEY or GOOGLE_API_KEY enables it', async () => {
  const provider = createProvider('google', { kind: 'gemini', api_key: 'key' });
  assert.equal(provider.kind, 'gemini');
  assert.equal(provider.capabilities.embeddings, true);
  assert.throws(() => createProvider('google', { kind: 'gemini' }), { code: 'config_invalid' });
  assert.deepEqual(
    providersFromEnvironment({ GOOGLE_API_KEY: 'g' }).find(([id]) => id === 'gemini'),
    ['gemini', { kind: 'gemini', api_key: 'g' }],
  );
  assert.equal(
    providersFromEnvironment({ GEMINI_API_KEY: 'a', GOOGLE_API_KEY: 'b' }).find(
      ([id]) => id === 'gemini',
    )?.[1].api_key,
    'a',
  );
  assert.equal(
    providersFromEnvironment({}).find(([id]) => id === 'gemini'),
    undefined,
  );
});
