import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('routes: retries and fallbacks against an upstream that fails on cue', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      routes: {
        auto: {
          fallback: ['local/a', 'local/b'],
          retries: { max: 1, base_ms: 1, max_ms: 5 },
          breaker: { enabled: false },
        },
        bounded: {
          fallback: ['local/slow', 'local/later'],
          deadline_ms: 300,
          retries: { max: 2 },
          breaker: { enabled: false },
        },
        quick: {
          fallback: ['local/slow', 'local/b'],
          timeout_ms: 150,
          retries: { max: 0 },
          breaker: { enabled: false },
        },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.reset();
  });

  const ask = (model: string) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

  test('a 5xx is retried once, then the next model answers; headers name who served', async () => {
    upstream.cue('a', { status: 500 }, { status: 502 });
    const { data, response } = await ask('auto');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    assert.equal(response.headers.get('x-strata-model'), 'b');
    assert.equal(upstream.requestsFor('a').length, 2);
    assert.equal(
      response.headers.get('x-strata-route'),
      'route=auto; plan=fallback; attempts=1:primary:local/a:upstream_error,2:retry:local/a:upstream_error,3:fallback:local/b:ok',
    );
  });

  test('a 429 is retried after its Retry-After, then succeeds on the same model', async () => {
    upstream.cue('a', { status: 429, headers: { 'retry-after-ms': '300' } });
    const { data } = await ask('auto');
    assert.equal(data.choices[0]?.message.content, 'answer from a');
    const [first, second] = upstream.arrivals('a').slice(-2);
    assert.ok(first !== undefined && second !== undefined);
    const gap = second - first;
    assert.ok(gap >= 300, `the retry came ${gap} ms after the 429, before its Retry-After`);
  });

  test('a 400 is neither retried nor sent to another model', async () => {
    upstream.cue('a', { status: 400, message: 'bad field' });
    await assert.rejects(ask('auto'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 400);
      assert.match(
        error.headers?.get('x-strata-route') ?? '',
        /1:primary:local\/a:upstream_invalid_request$/,
      );
      return true;
    });
    assert.equal(upstream.requestsFor('a').length, 1);
    assert.equal(upstream.requestsFor('b').length, 0);
  });

  test('an attempt that passes its timeout falls back', async () => {
    upstream.cue('slow', { delayMs: 1000 });
    const { data, response } = await ask('quick');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    assert.match(
      response.headers.get('x-strata-route') ?? '',
      /1:primary:local\/slow:upstream_timeout,2:fallback:local\/b:ok/,
    );
  });

  test('the overall deadline ends the route, with no further attempt', async () => {
    upstream.cue('slow', { delayMs: 2000 });
    await assert.rejects(ask('bounded'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 504);
      assert.match(error.message, /ran out of time \(deadline_ms 300\)/);
      return true;
    });
    assert.equal(upstream.requestsFor('slow').length, 1);
    assert.equal(upstream.requestsFor('later').length, 0);
  });

  test('every attempt is one ledger row, and the log row holds the route summary', async () => {
    upstream.cue('a', { status: 503 }, { status: 503 });
    const { response } = await ask('auto');
    const requestId = response.headers.get('x-request-id') ?? '';
    const rows = await gateway.ledgerOf(requestId);
    assert.deepEqual(
      rows?.map((row) => [row.attempt, row.purpose, row.model, row.status]),
      [
        [1, 'primary', 'a', 503],
        [2, 'retry', 'a', 503],
        [3, 'fallback', 'b', 200],
      ],
    );
    const logged = await gateway.stack.requestLog.get(requestId);
    assert.equal(logged?.servedModel, 'b');
    const route = JSON.parse(logged?.route ?? '{}') as { plan?: string; steps?: unknown[] };
    assert.equal(route.plan, 'fallback');
    assert.equal(route.steps?.length, 3);
  });

  test('a plain model name is not routed, and says so', async () => {
    const { response } = await ask('local/a');
    assert.equal(response.headers.get('x-strata-route'), 'plan=direct; attempts=1:primary:local/a:ok');
  });
});
