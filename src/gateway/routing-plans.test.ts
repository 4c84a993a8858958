import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('routes: breakers, hedges, policy fallbacks, rules and balance', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;
  const plain = { retries: { max: 0 }, breaker: { enabled: false } };

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      catalog: {
        models: [
          { provider: 'openai-compatible', id: 'tiny', input: 0.1, output: 0.1, context_window: 200 },
          { provider: 'openai-compatible', id: 'b', input: 1, output: 2, context_window: 128_000 },
        ],
      },
      routes: {
        guarded: {
          fallback: ['local/flaky', 'local/b'],
          retries: { max: 0 },
          breaker: { failures: 2, cooldown_ms: 300 },
        },
        hedged: { fallback: ['local/slow', 'local/b'], hedge: { after_ms: 50 }, ...plain },
        safe: { fallback: ['local/filtered', 'local/b'], ...plain },
        long: { fallback: ['local/tiny', 'local/b'], ...plain },
        triage: {
          rules: [
            { when: { tools: true }, use: 'local/tools' },
            { when: { metadata: { tier: 'gold' } }, use: 'local/gold' },
            { when: { last_user_message: { pattern: 'refund', flags: 'i' } }, use: 'local/support' },
            { when: { prompt_tokens: { min: 400 } }, use: 'long' },
          ],
          default: 'local/b',
          ...plain,
        },
        spread: {
          balance: { strategy: 'weighted', targets: [{ model: 'local/a', weight: 3 }, 'local/b'] },
          seed: 11,
          ...plain,
        },
        nested: { fallback: ['spread', 'local/c'], ...plain },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const ask = (model: string, body: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }], ...body })
      .withResponse();

  test('a breaker opens after repeated failures, lets one probe through after its cooldown, then closes', async () => {
    upstream.cue('flaky', { status: 500 }, { status: 500 });
    await ask('guarded');
    await ask('guarded');
    assert.equal(upstream.requestsFor('flaky').length, 2);
    const { data, response } = await ask('guarded');
    assert.equal(upstream.requestsFor('flaky').length, 2, 'the open breaker sends nothing to flaky');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    assert.match(response.headers.get('x-strata-route') ?? '', /0:primary:local\/flaky:skipped:breaker_open/);
    await sleep(350);
    const probe = await ask('guarded');
    assert.equal(probe.data.choices[0]?.message.content, 'answer from flaky', 'the probe succeeded');
    const closed = await ask('guarded');
    assert.equal(closed.data.choices[0]?.message.content, 'answer from flaky');
    assert.equal(upstream.requestsFor('flaky').length, 4);
  });

  /** The hedge on `b` answered; the slow first attempt was cancelled, traced as lost and still recorded. */
  async function assertHedgeWon(response: Response): Promise<void> {
    const header = response.headers.get('x-strata-route') ?? '';
    assert.match(header, /1:primary:local\/slow:lost/);
    assert.match(header, /2:hedge:local\/b:ok/);
    const rows = await gateway.ledgerOf(response);
    assert.deepEqual(
      rows.map((row) => [row.attempt, row.purpose, row.status]),
      [
        [1, 'primary', 499],
        [2, 'hedge', 200],
      ],
    );
  }

  test('a hedge wins when the first attempt is slow; the loser is cancelled and still recorded', async () => {
    upstream.cue('slow', { delayMs: 1000 });
    const { data, response } = await ask('hedged');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    await assertHedgeWon(response);
  });

  test('a hedged stream is the first to its first chunk; the slow one is cancelled and recorded', async () => {
    upstream.cue('slow', { delayMs: 1000 });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'hedged', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'answer from b (part 1) (part 2)', 'one model, never spliced');
    await assertHedgeWon(response);
  });

  test('a content_filter finish falls back, and the filtered answer is still billed', async () => {
    upstream.cue('filtered', 'content-filter');
    const { data, response } = await ask('safe');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    assert.match(response.headers.get('x-strata-route') ?? '', /1:primary:local\/filtered:content_filter/);
    const rows = await gateway.ledgerOf(response);
    assert.equal(rows[0]?.outputTokens, 5);
  });

  test('an upstream content-policy refusal falls back too', async () => {
    upstream.cue('filtered', {
      status: 400,
      message: 'Your request was rejected by our content management policy.',
    });
    const { data } = await ask('safe');
    assert.equal(data.choices[0]?.message.content, 'answer from b');
  });

  test('a prompt too long for a model goes to the next with a larger window, unsent', async () => {
    const long = 'word '.repeat(400);
    const { data, response } = await ask('long', { messages: [{ role: 'user', content: long }] });
    assert.equal(data.choices[0]?.message.content, 'answer from b');
    assert.equal(upstream.requestsFor('tiny').length, 0);
    assert.match(
      response.headers.get('x-strata-route') ?? '',
      /0:primary:local\/tiny:skipped:context_window/,
    );
    const short = await ask('long');
    assert.equal(short.data.choices[0]?.message.content, 'answer from tiny');
  });

  test('rules pick by tools, metadata, the last user message and prompt length, else the default', async () => {
    const served = async (body: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming>) =>
      (await ask('triage', body)).data.choices[0]?.message.content;
    const tool = { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object' } } };
    assert.equal(await served({ tools: [tool] }), 'answer from tools');
    assert.equal(await served({ metadata: { tier: 'gold' } }), 'answer from gold');
    assert.equal(
      await served({ messages: [{ role: 'user', content: 'I want a REFUND' }] }),
      'answer from support',
    );
    assert.equal(
      await served({ messages: [{ role: 'user', content: 'word '.repeat(600) }] }),
      'answer from b',
    );
    assert.match(
      (
        await ask('triage', { messages: [{ role: 'user', content: 'word '.repeat(600) }] })
      ).response.headers.get('x-strata-route') ?? '',
      /skipped:context_window/,
      'the long prompt went through the nested `long` route',
    );
    assert.equal(await served({}), 'answer from b');
  });

  test('a weighted balance follows its weights (seeded), and nests inside a fallback', async () => {
    const counts = new Map<string, number>();
    for (let call = 0; call < 120; call++) {
      const text = (await ask('nested')).data.choices[0]?.message.content ?? '';
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const share = (counts.get('answer from a') ?? 0) / 120;
    assert.ok(share > 0.6 && share < 0.9, `a served ${share} of the calls at weight 3:1`);
    assert.equal(counts.get('answer from c'), undefined);
    upstream.cue('a', { status: 500 });
    upstream.cue('b', { status: 500 });
    const { data } = await ask('nested');
    assert.equal(
      data.choices[0]?.message.content,
      'answer from c',
      'both balanced targets failed: the fallback',
    );
  });
});
