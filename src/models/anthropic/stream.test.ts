import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatChunk } from '../../core/types.js';
import { readFixture } from '../testing/fixtures.js';
import { bodyOf, closedConnection, collect, rejectsWith, serveSse } from '../testing/provider-harness.js';
import { startAnthropicAgainst } from './test-harness.js';

const request = { model: 'claude-sonnet-4-20250514', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** The parts of each chunk a client reads, without the id, model and timestamp every chunk repeats. */
function essentials(chunks: ChatChunk[]) {
  return chunks.map((chunk) =>
    chunk.choices.length === 0
      ? { usage: chunk.usage }
      : { delta: chunk.choices[0]?.delta, finish_reason: chunk.choices[0]?.finish_reason },
  );
}

test('a streamed text answer translates chunk by chunk, ending with a usage chunk', async (t) => {
  const { upstream, provider } = await startAnthropicAgainst(t, serveSse('anthropic/stream-text.sse'));
  const chunks = await collect(await provider.stream(request));
  assert.equal(bodyOf(upstream.requests[0]).stream, true);
  assert.equal(upstream.requests[0]?.headers.accept, 'text/event-stream');
  assert.ok(chunks.every((chunk) => chunk.id === 'msg_01Rk5yRnSFUgCmB2Qh5Vd3Jx'));
  assert.ok(chunks.every((chunk) => chunk.model === 'claude-sonnet-4-20250514'));
  assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk'));
  assert.deepEqual(essentials(chunks), [
    { delta: { role: 'assistant', content: '' }, finish_reason: null },
    { delta: { content: 'Hello' }, finish_reason: null },
    { delta: { content: '! How can I help you today? ☀️' }, finish_reason: null },
    { delta: { content: ' Grüße' }, finish_reason: null },
    { delta: {}, finish_reason: 'stop' },
    {
      usage: {
        prompt_tokens: 25 + 1024,
        completion_tokens: 15,
        total_tokens: 25 + 1024 + 15,
        prompt_tokens_details: { cached_tokens: 1024, cache_creation_tokens: 0 },
      },
    },
  ]);
});

test('streamed tool use: a first delta with id and name, then argument fragments on the tool index', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveSse('anthropic/stream-tool-use.sse'));
  const chunks = await collect(await provider.stream(request));
  assert.deepEqual(essentials(chunks).slice(0, -1), [
    { delta: { role: 'assistant', content: '' }, finish_reason: null },
    { delta: { content: 'Okay' }, finish_reason: null },
    { delta: { content: ", let's check the weather for San Francisco, CA:" }, finish_reason: null },
    {
      delta: {
        tool_calls: [
          {
            index: 0,
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      finish_reason: null,
    },
    ...['{"location":', ' "San Francisc', 'o, CA"', ', "unit": "fah', 'renheit"}'].map((fragment) => ({
      delta: { tool_calls: [{ index: 0, function: { arguments: fragment } }] },
      finish_reason: null,
    })),
    {
      delta: {
        tool_calls: [
          {
            index: 1,
            id: 'toolu_01Kd6Jq3X9tVbWmNfLpQz2Hs',
            type: 'function',
            function: { name: 'get_time', arguments: '' },
          },
        ],
      },
      finish_reason: null,
    },
    {
      delta: { tool_calls: [{ index: 1, function: { arguments: '{"timezone": "America/Los_Angeles"}' } }] },
      finish_reason: null,
    },
    { delta: {}, finish_reason: 'tool_calls' },
  ]);
  const first = chunks
    .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
    .filter((c) => c.index === 0);
  assert.deepEqual(JSON.parse(first.map((call) => call.function?.arguments ?? '').join('')), {
    location: 'San Francisco, CA',
    unit: 'fahrenheit',
  });
  assert.equal(chunks.at(-1)?.usage?.completion_tokens, 89);
});

test('an overloaded error event mid-stream throws a retryable upstream_unavailable after the text so far', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveSse('anthropic/stream-error.sse'));
  const seen: ChatChunk[] = [];
  const stream = await provider.stream(request);
  const error = await rejectsWith(
    (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })(),
    'upstream_unavailable',
  );
  assert.equal(error.retryable, true);
  assert.match(error.message, /Overloaded/);
  assert.equal(seen.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Once upon a time');
});

test('rate-limit and other error events map to their own codes', async (t) => {
  const start = readFixture('anthropic/stream-error.sse').split('event: error')[0] ?? '';
  const failing = (type: string) => (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(
      `${start}event: error\ndata: {"type":"error","error":{"type":"${type}","message":"boom"}}\n\n`,
    );
  };
  const { provider: limited } = await startAnthropicAgainst(t, failing('rate_limit_error'));
  await rejectsWith(collect(await limited.stream(request)), 'upstream_rate_limited');
  const { provider: broken } = await startAnthropicAgainst(t, failing('api_error'));
  await rejectsWith(collect(await broken.stream(request)), 'upstream_error');
});

test('thinking deltas are skipped unless include_thinking, then sent as reasoning_content', async (t) => {
  const { provider } = await startAnthropicAgainst(t, serveSse('anthropic/stream-thinking.sse'));
  const plain = essentials(await collect(await provider.stream(request)));
  assert.deepEqual(plain.slice(1, -1), [
    { delta: { content: '27 × 453 = 12,231.' }, finish_reason: null },
    { delta: {}, finish_reason: 'stop' },
  ]);
  const thinking = essentials(await collect(await provider.stream({ ...request, include_thinking: true })));
  assert.deepEqual(thinking.slice(1, 3), [
    { delta: { reasoning_content: '27 * 453 = 10800 + 1431' }, finish_reason: null },
    { delta: { reasoning_content: ' = 12231.' }, finish_reason: null },
  ]);
});

test('a stream cut before message_stop is a malformed response', async (t) => {
  const start = readFixture('anthropic/stream-text.sse').split('event: message_delta')[0] ?? '';
  const { provider } = await startAnthropicAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(start);
  });
  await rejectsWith(collect(await provider.stream(request)), 'upstream_malformed_response');
});

test('a finished stream frees its connection for the next call; stopping early closes it', async (t) => {
  const ports: Array<number | undefined> = [];
  let closed: Promise<void> = Promise.resolve();
  const serve = serveSse('anthropic/stream-text.sse');
  const { provider } = await startAnthropicAgainst(t, async (recorded, response, incoming) => {
    ports.push(incoming.socket.remotePort);
    closed = closedConnection(response);
    await serve(recorded, response, incoming);
  });
  await collect(await provider.stream(request));
  // The rest of the body (the chunked terminator) is drained in the background before the socket is free.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await collect(await provider.stream(request));
  assert.equal(ports[0], ports[1], 'both streams used one keep-alive connection');
  for await (const _chunk of await provider.stream(request)) break;
  await closed;
});
