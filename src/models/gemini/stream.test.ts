import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatChunk } from '../../core/types.js';
import {
  bodyOf,
  closedConnection,
  collect,
  rejectsWith,
  serveSse,
  testApiKey,
} from '../testing/provider-harness.js';
import { startGeminiAgainst } from './gemini-test-kit.js';

const hello = {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user' as const, content: 'Why is the sky blue?' }],
};

/** The parts of each chunk a client reads, without the id and timestamp. */
function shapes(chunks: ChatChunk[]) {
  return chunks.map(({ choices, usage, model }) => ({ model, choices, ...(usage ? { usage } : {}) }));
}

test('streaming posts streamGenerateContent with alt=sse and the same body as chat', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(t, serveSse('gemini/stream-text.sse'));
  await collect(await provider.stream({ ...hello, stream: true, stream_options: { include_usage: true } }));
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  assert.equal(received?.headers['x-goog-api-key'], testApiKey);
  assert.equal(received?.headers.accept, 'text/event-stream');
  assert.deepEqual(bodyOf(received), {
    contents: [{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }],
  });
});

test('a streamed answer arrives chunk by chunk: role first, text deltas, finish, then usage', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveSse('gemini/stream-text.sse'));
  const chunks = await collect(await provider.stream(hello));
  assert.ok(chunks.every((chunk) => chunk.id === 'chatcmpl-xMQhaJXKNeSWz7IPqe2T8Qg'));
  assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk'));
  const model = 'gemini-2.5-flash';
  assert.deepEqual(shapes(chunks), [
    {
      model,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: 'The sky looks blue because' },
          finish_reason: null,
        },
      ],
    },
    {
      model,
      choices: [
        {
          index: 0,
          delta: { content: ' air scatters short wavelengths — Rayleigh scattering' },
          finish_reason: null,
        },
      ],
    },
    { model, choices: [{ index: 0, delta: { content: ' — more than long ones.' }, finish_reason: null }] },
    { model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    {
      model,
      choices: [],
      usage: {
        prompt_tokens: 8,
        completion_tokens: 158,
        total_tokens: 166,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 139 },
      },
    },
  ]);
});

test('streamed function calls arrive whole, with OpenAI indices and ids', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveSse('gemini/stream-function-call.sse'));
  const chunks = await collect(await provider.stream(hello));
  const model = 'gemini-2.0-flash';
  const call = (index: number, location: string) => ({
    index,
    id: `call_${index}`,
    type: 'function' as const,
    function: { name: 'get_weather', arguments: JSON.stringify({ location }) },
  });
  assert.deepEqual(shapes(chunks).slice(0, 3), [
    {
      model,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', tool_calls: [call(0, 'Paris, France')] },
          finish_reason: null,
        },
      ],
    },
    { model, choices: [{ index: 0, delta: { tool_calls: [call(1, 'Tokyo, Japan')] }, finish_reason: null }] },
    { model, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ]);
  assert.equal(chunks.at(-1)?.usage?.total_tokens, 100);
  assert.equal(chunks.length, 4);
});

test('a blocked prompt streams as one empty, filtered choice', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveSse('gemini/stream-blocked-prompt.sse'));
  const chunks = await collect(await provider.stream(hello));
  assert.deepEqual(
    chunks.map((chunk) => chunk.choices),
    [
      [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      [{ index: 0, delta: {}, finish_reason: 'content_filter' }],
      [],
    ],
  );
  assert.equal(chunks.at(-1)?.usage?.prompt_tokens, 12);
});

test('an error object mid-stream fails the stream with the mapped catalogue error', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveSse('gemini/stream-error.sse'));
  const received: ChatChunk[] = [];
  const error = await rejectsWith(
    (async () => {
      for await (const chunk of await provider.stream(hello)) received.push(chunk);
    })(),
    'upstream_unavailable',
  );
  assert.match(error.message, /The model is overloaded/);
  assert.equal(received[0]?.choices[0]?.delta.content, 'Once upon');
});

test('a stream cut off before a finish reason is a malformed response', async (t) => {
  const { provider } = await startGeminiAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(
      'data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}]}\r\n\r\n',
    );
  });
  await rejectsWith(collect(await provider.stream(hello)), 'upstream_malformed_response');
});

test('an HTTP error before the stream starts rejects the stream call itself', async (t) => {
  const { provider } = await startGeminiAgainst(t, (_request, response) => {
    response.writeHead(429, { 'content-type': 'application/json' });
    response.end(
      '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
    );
  });
  const error = await rejectsWith(provider.stream(hello), 'upstream_rate_limited');
  assert.match(error.message, /Resource has been exhausted/);
});

test('leaving the stream early closes the upstream connection', async (t) => {
  let closed: Promise<void> | undefined;
  const { provider } = await startGeminiAgainst(t, (_request, response) => {
    closed = closedConnection(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(
      'data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"index":0}]}\r\n\r\n',
    );
  });
  for await (const chunk of await provider.stream(hello)) {
    assert.equal(chunk.choices[0]?.delta.content, 'Hi');
    break;
  }
  await closed;
});
