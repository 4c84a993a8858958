import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from './testing/fixtures.js';
import {
  bodyOf,
  closedConnection,
  collect,
  helloRequest,
  rejectsWith,
  serveSse,
  startProviderAgainst,
} from './testing/provider-harness.js';

test('stream injects include_usage, keeps the client stream_options, and yields every chunk', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveSse('openai/stream-content.sse'));
  const chunks = await collect(
    await provider.stream({ ...helloRequest, stream_options: { include_usage: false } }),
  );
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  assert.equal(text, 'Hello! How can I help you today? ☀️ Grüße');
  assert.equal(chunks.at(-1)?.usage?.total_tokens, 23);
  const sent = bodyOf(upstream.requests[0]);
  assert.equal(sent.stream, true);
  assert.deepEqual(sent.stream_options, { include_usage: true });
  assert.equal(upstream.requests[0]?.headers.accept, 'text/event-stream');
});

test('stream leaves stream_options alone where the upstream does not accept them', async (t) => {
  const { upstream, provider } = await startProviderAgainst(t, serveSse('openai/stream-content.sse'), {
    supportsStreamUsage: false,
  });
  await collect(await provider.stream(helloRequest));
  assert.equal('stream_options' in bodyOf(upstream.requests[0]), false);
});

test('streamed tool-call argument deltas arrive in order', async (t) => {
  const { provider } = await startProviderAgainst(t, serveSse('openai/stream-tool-call.sse'));
  const chunks = await collect(await provider.stream(helloRequest));
  const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
  assert.equal(calls[0]?.function?.name, 'get_weather');
  assert.equal(calls.map((call) => call.function?.arguments ?? '').join(''), '{"location":"Paris, France"}');
  assert.equal(
    chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason,
    'tool_calls',
  );
});

test('a malformed data line or an error event mid-stream throws from the iterator', async (t) => {
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider: broken } = await startProviderAgainst(t, (_request, response) => {
    response.end(`${first}\n\ndata: {"id": truncated\n\n`);
  });
  await rejectsWith(collect(await broken.stream(helloRequest)), 'upstream_malformed_response');
  const { provider: failing } = await startProviderAgainst(t, (_request, response) => {
    response.end(
      `${first}\n\ndata: {"error":{"message":"The server had an error","type":"server_error"}}\n\n`,
    );
  });
  const error = await rejectsWith(collect(await failing.stream(helloRequest)), 'upstream_error');
  assert.match(error.message, /The server had an error/);
});

test('a connection reset mid-stream is a retryable connection failure', async (t) => {
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await startProviderAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n`, () => setTimeout(() => response.socket?.destroy(), 20));
  });
  const stream = await provider.stream(helloRequest);
  const error = await rejectsWith(collect(stream), 'upstream_connection_failed');
  assert.equal(error.retryable, true);
});

test("the caller's abort ends the stream and closes the upstream connection", async (t) => {
  let upstreamClosed: Promise<void> = Promise.resolve();
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await startProviderAgainst(t, (_request, response) => {
    upstreamClosed = closedConnection(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n`);
  });
  const controller = new AbortController();
  const iterator = (await provider.stream(helloRequest, { signal: controller.signal }))[
    Symbol.asyncIterator
  ]();
  assert.equal((await iterator.next()).done, false);
  controller.abort();
  await rejectsWith(iterator.next(), 'client_closed_request');
  await upstreamClosed;
});

test('stopping iteration early closes the upstream connection', async (t) => {
  let upstreamClosed: Promise<void> = Promise.resolve();
  const first = readFixture('openai/stream-content.sse').split('\n\n')[1];
  const { provider } = await startProviderAgainst(t, (_request, response) => {
    upstreamClosed = closedConnection(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${first}\n\n${first}\n\n`);
  });
  for await (const chunk of await provider.stream(helloRequest)) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    break;
  }
  await upstreamClosed;
});

test('giving up on a stream before reading it closes the upstream connection', async (t) => {
  let upstreamClosed: Promise<void> = Promise.resolve();
  const { provider } = await startProviderAgainst(t, (_request, response) => {
    upstreamClosed = closedConnection(response);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(': waiting\n\n');
  });
  const stream = await provider.stream(helloRequest);
  await stream[Symbol.asyncIterator]().return?.();
  await upstreamClosed;
});

test('a stream that ends cleanly mid-answer is malformed; one that finished needs no [DONE]', async (t) => {
  const events = readFixture('openai/stream-content.sse').split('\n\n');
  const { provider: truncated } = await startProviderAgainst(t, (_request, response) => {
    response.end(`${events.slice(0, 3).join('\n\n')}\n\n`);
  });
  await rejectsWith(collect(await truncated.stream(helloRequest)), 'upstream_malformed_response');
  const { provider: finished } = await startProviderAgainst(t, (_request, response) => {
    response.end(`${events.slice(0, -2).join('\n\n')}\n\n`);
  });
  const chunks = await collect(await finished.stream(helloRequest));
  assert.equal(chunks.at(-1)?.usage?.total_tokens, 23);
});

test('a stream read to [DONE] hands its connection back for the next call', async (t) => {
  const ports: number[] = [];
  const { provider } = await startProviderAgainst(t, (recorded, response, incoming) => {
    ports.push(incoming.socket.remotePort ?? -1);
    serveSse('openai/stream-content.sse')(recorded, response, incoming);
  });
  await collect(await provider.stream(helloRequest));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await collect(await provider.stream(helloRequest));
  assert.equal(ports.length, 2);
  assert.equal(ports[0], ports[1], 'both streams used one keep-alive connection');
});
