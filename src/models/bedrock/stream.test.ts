import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk } from '../../core/types.js';
import { closedConnection } from '../testing/provider-harness.js';
import {
  assertSigned,
  bodyOf,
  encodeEventFixture,
  helloRequest,
  serveEvents,
  serveJson,
  startBedrockAgainst,
} from './testing/bedrock-harness.js';

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The choices and usage of each chunk, without the id and timestamps. */
function shapes(chunks: ChatChunk[]) {
  return chunks.map((chunk) => ({
    choices: chunk.choices,
    ...(chunk.usage === undefined ? {} : { usage: chunk.usage }),
  }));
}

test('a text stream arrives chunk by chunk, then a finish chunk, then usage with no choices', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(t, serveEvents('bedrock/stream-text.json'));
  const chunks = await collect(await provider.stream({ ...helloRequest, stream: true }));
  const received = upstream.requests[0];
  assert.equal(received?.path, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream');
  assert.equal(received?.headers.accept, 'application/vnd.amazon.eventstream');
  assert.deepEqual(bodyOf(received), { messages: [{ role: 'user', content: [{ text: 'Hello' }] }] });
  assertSigned(received);
  const delta = (content: string) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  assert.deepEqual(shapes(chunks), [
    { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    delta('Hello'),
    delta('! How can I help'),
    delta(' you today?'),
    { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { choices: [], usage: { prompt_tokens: 10, completion_tokens: 12, total_tokens: 22 } },
  ]);
  const ids = new Set(chunks.map((chunk) => chunk.id));
  assert.equal(ids.size, 1);
  assert.ok(
    chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === helloRequest.model),
  );
});

test('tool input fragments become argument deltas of one tool call', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveEvents('bedrock/stream-tool-use.json', 11));
  const chunks = await collect(await provider.stream(helloRequest));
  const toolDelta = (argumentsPart: string) => ({
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: argumentsPart } }] },
        finish_reason: null,
      },
    ],
  });
  assert.deepEqual(shapes(chunks), [
    { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: { content: 'Let me check the weather.' }, finish_reason: null }] },
    {
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                id: 'tooluse_3hIqRG5mTgqiN0KbWq8WTA',
                type: 'function',
                function: { name: 'get_weather', arguments: '' },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    },
    toolDelta(''),
    toolDelta('{"city": "Sea'),
    toolDelta('ttle", "unit": "celsius"}'),
    { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    {
      choices: [],
      usage: {
        prompt_tokens: 653,
        completion_tokens: 71,
        total_tokens: 724,
        prompt_tokens_details: { cached_tokens: 256 },
      },
    },
  ]);
});

test('a throttling exception mid-stream fails the stream as retryable rate limiting', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveEvents('bedrock/stream-throttling-exception.json'));
  const seen: ChatChunk[] = [];
  const error = await (async () => {
    for await (const chunk of await provider.stream(helloRequest)) seen.push(chunk);
  })().then(
    () => assert.fail('expected the stream to fail'),
    (reason: unknown) => reason,
  );
  assert.equal(seen.length, 3);
  assert.ok(error instanceof StrataError);
  assert.equal(error.code, 'upstream_rate_limited');
  assert.equal(error.retryable, true);
  assert.match(error.message, /throttlingException\): Too many tokens, please wait before trying again\./);
});

test('a model stream error mid-stream is an upstream error with its message', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveEvents('bedrock/stream-model-error-exception.json'));
  await assert.rejects(collect(await provider.stream(helloRequest)), (error: unknown) => {
    assert.ok(error instanceof StrataError);
    assert.equal(error.code, 'upstream_error');
    assert.match(error.message, /modelStreamErrorException.*invalid token sequence/);
    return true;
  });
});

test('a stream cut off before messageStop is malformed', async (t) => {
  const bytes = encodeEventFixture('bedrock/stream-text.json');
  const { provider } = await startBedrockAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    response.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
  await assert.rejects(collect(await provider.stream(helloRequest)), { code: 'upstream_malformed_response' });
});

test('errors before the stream starts reject stream() itself', async (t) => {
  const { provider } = await startBedrockAgainst(
    t,
    serveJson(429, 'bedrock/error-throttling.json', 'ThrottlingException'),
  );
  await assert.rejects(provider.stream(helloRequest), { code: 'upstream_rate_limited' });
});

test('leaving the stream early closes the upstream connection', async (t) => {
  let closed: Promise<void> | undefined;
  const { provider } = await startBedrockAgainst(t, (_request, response) => {
    closed = closedConnection(response);
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    // Send the first events and keep the response open, as a long answer would.
    response.write(encodeEventFixture('bedrock/stream-text.json').subarray(0, 200));
  });
  for await (const chunk of await provider.stream(helloRequest)) {
    assert.equal(chunk.choices[0]?.delta.role, 'assistant');
    break;
  }
  await closed;
});

test('a JSON schema answer streams as content deltas and finishes with stop', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveEvents('bedrock/stream-json-schema.json'));
  const chunks = await collect(
    await provider.stream({
      ...helloRequest,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'city_facts', schema: { type: 'object' } },
      },
    }),
  );
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  assert.deepEqual(JSON.parse(text), { city: 'Paris', country: 'France' });
  assert.ok(chunks.every((chunk) => chunk.choices[0]?.delta.tool_calls === undefined));
  assert.deepEqual(
    chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean),
    ['stop'],
  );
});

test('a service-unavailable exception mid-stream is upstream_unavailable', async (t) => {
  const { provider } = await startBedrockAgainst(
    t,
    serveEvents('bedrock/stream-service-unavailable-exception.json'),
  );
  await assert.rejects(collect(await provider.stream(helloRequest)), {
    code: 'upstream_unavailable',
    retryable: true,
  });
});
