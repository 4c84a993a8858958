import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { restartNotice } from '../routing/routed-stream.js';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('routes: streams that fail before and after their first chunk', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    const common = { retries: { max: 0 }, breaker: { enabled: false } };
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      routes: {
        strict: { fallback: ['local/a', 'local/b'], stream_fallback: 'error', ...common },
        restarting: { fallback: ['local/a', 'local/b'], stream_fallback: 'restart', ...common },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  async function collect(model: string) {
    const { data: stream, response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    const parts: string[] = [];
    let failure: unknown;
    try {
      for await (const chunk of stream) parts.push(chunk.choices[0]?.delta.content ?? '');
    } catch (error) {
      failure = error;
    }
    return { text: parts.join(''), failure, response };
  }

  test('a failure before the first chunk is invisible: the client reads only the next model', async () => {
    upstream.cue('a', { status: 503 });
    const { text, failure, response } = await collect('strict');
    assert.equal(failure, undefined);
    assert.equal(text, 'answer from b (part 1) (part 2)');
    assert.equal(response.headers.get('x-strata-model'), 'b');
    assert.match(
      response.headers.get('x-strata-route') ?? '',
      /1:primary:local\/a:upstream_unavailable,2:fallback:local\/b:ok/,
    );
  });

  test('with stream_fallback error, a break after the first chunk ends in a clear error event', async () => {
    upstream.cue('a', 'break-after-first');
    const { text, failure } = await collect('strict');
    assert.equal(text, 'answer from a (part 1)', 'nothing of another model is spliced in');
    assert.ok(failure instanceof OpenAI.APIError, `an error event, got ${String(failure)}`);
    assert.match(failure.message, /broke off after it started/);
    assert.equal(upstream.requestsFor('b').length, 0);
  });

  test('with stream_fallback restart, the next model answers from the start after a visible notice', async () => {
    upstream.cue('a', 'break-after-first');
    const { text, failure, response } = await collect('restarting');
    assert.equal(failure, undefined);
    assert.equal(
      text,
      `answer from a (part 1)${restartNotice('local/a', 'local/b', 'upstream_connection_failed')}answer from b (part 1) (part 2)`,
    );
    const requestId = response.headers.get('x-request-id') ?? '';
    let rows = await gateway.stack.ledger.rowsOf(requestId);
    for (let tries = 0; tries < 50 && rows.length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await gateway.stack.flush();
      rows = await gateway.stack.ledger.rowsOf(requestId);
    }
    assert.deepEqual(
      rows.map((row) => [row.purpose, row.model]),
      [
        ['primary', 'a'],
        ['fallback', 'b'],
      ],
    );
    assert.ok((rows[0]?.outputTokens ?? 0) > 0, 'the broken attempt is billed for what it streamed');
    const logged = await gateway.stack.requestLog.get(requestId);
    assert.equal(logged?.servedModel, 'b');
    assert.match(logged?.route ?? '', /local\/a -> local\/b/);
  });
});
