import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { VerifierConfig } from '../config/verifiers.js';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import type { Verifier } from '../routing/verifiers/verifier.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Small verifiers for the test: `contains`, and an `llm_judge` that asks its model for a score. */
function testVerifier(config: VerifierConfig): Verifier {
  if (config.type === 'contains') {
    return {
      name: 'contains',
      async verify(_request, response) {
        const text = String(response.choices[0]?.message.content ?? '');
        const pass = config.values.every((value) => text.includes(value));
        return { score: pass ? 1 : 0, pass, reason: pass ? 'has every value' : 'a value is missing' };
      },
    };
  }
  if (config.type === 'llm_judge') {
    return {
      name: 'llm_judge',
      async verify(request, response, context) {
        const graded = await context.chat(
          {
            model: config.model,
            messages: [
              { role: 'system', content: config.rubric },
              {
                role: 'user',
                content: `${JSON.stringify(request.messages)}\n${response.choices[0]?.message.content}`,
              },
            ],
          },
          'judge',
        );
        const score = Number(/([01](?:\.\d+)?)/.exec(String(graded.choices[0]?.message.content))?.[1] ?? 0);
        return { score, pass: score >= (config.threshold ?? 0.5), reason: `judged ${score}` };
      },
    };
  }
  throw new Error(`the test has no \`${config.type}\` verifier`);
}

describe('routes: cascades escalate on a failing verifier', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    const plain = { retries: { max: 0 }, breaker: { enabled: false } };
    gateway = await startGateway(
      {
        providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
        routes: {
          tiered: {
            cascade: [
              { use: 'local/cheap', verifiers: [{ type: 'contains', values: ['good'] }] },
              { use: 'local/strong' },
            ],
            ...plain,
          },
          judged: {
            cascade: [
              {
                use: 'local/cheap',
                verifiers: [{ type: 'llm_judge', model: 'local/judge', rubric: 'Score 0 to 1.' }],
                threshold: 0.8,
              },
              { use: 'local/strong' },
            ],
            ...plain,
          },
          chooser: {
            rules: [{ when: { metadata: { checked: 'yes' } }, use: 'tiered' }],
            default: 'local/plain',
            ...plain,
          },
          guarded: { fallback: ['tiered', 'local/backup'], ...plain },
        },
      },
      { stackDeps: { createVerifier: testVerifier } },
    );
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const ask = (model: string) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

  test('an answer the verifier accepts is served by the first tier alone', async () => {
    upstream.cue('cheap', { text: 'a good answer' });
    const { data, response } = await ask('tiered');
    assert.equal(data.choices[0]?.message.content, 'a good answer');
    assert.equal(upstream.requestsFor('strong').length, 0);
    assert.match(
      response.headers.get('x-strata-route') ?? '',
      /plan=cascade; attempts=1:primary:local\/cheap:ok; verdicts=1:contains:1.00:pass$/,
    );
  });

  test('a rejected answer escalates; the header says why and the ledger has both tiers', async () => {
    upstream.cue('cheap', { text: 'a poor answer' });
    const { data, response } = await ask('tiered');
    assert.equal(data.choices[0]?.message.content, 'answer from strong');
    assert.equal(response.headers.get('x-strata-model'), 'strong');
    assert.equal(
      response.headers.get('x-strata-route'),
      'route=tiered; plan=cascade; attempts=1:primary:local/cheap:rejected,2:escalation:local/strong:ok; verdicts=1:contains:0.00:fail; escalated=tier 1 -> 2: contains 0.00 (a value is missing)',
    );
    const rows = await gateway.ledgerOf(response);
    assert.deepEqual(
      rows.map((row) => [row.purpose, row.model]),
      [
        ['primary', 'cheap'],
        ['escalation', 'strong'],
      ],
    );
    const logged = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
    const route = JSON.parse(logged?.route ?? '{}') as { verdicts?: Array<{ reason: string }> };
    assert.equal(route.verdicts?.[0]?.reason, 'a value is missing');
  });

  test('a tier that fails outright escalates too', async () => {
    upstream.cue('cheap', { status: 500 });
    const { data } = await ask('tiered');
    assert.equal(data.choices[0]?.message.content, 'answer from strong');
  });

  test('a judge model is called through the route and accounted as a judge attempt', async () => {
    upstream.cue('judge', { text: '0.3' });
    const { data, response } = await ask('judged');
    assert.equal(
      data.choices[0]?.message.content,
      'answer from strong',
      '0.3 is under the tier threshold 0.8',
    );
    const rows = await gateway.ledgerOf(response);
    assert.deepEqual(
      rows.map((row) => [row.attempt, row.purpose, row.model]),
      [
        [1, 'primary', 'cheap'],
        [2, 'judge', 'judge'],
        [3, 'escalation', 'strong'],
      ],
    );
  });

  test('a plan may choose a whole cascade route; the header names it and the ledger has its tiers', async () => {
    upstream.cue('cheap', { text: 'a poor answer' });
    const { data, response } = await client.chat.completions
      .create({ model: 'chooser', messages: [{ role: 'user', content: 'hi' }], metadata: { checked: 'yes' } })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'answer from strong');
    assert.match(
      response.headers.get('x-strata-route') ?? '',
      /^route=chooser; plan=rules; cascade=tiered; attempts=1:primary:local\/cheap:rejected,2:escalation:local\/strong:ok; verdicts=1:contains:0.00:fail; escalated=tier 1 -> 2/,
    );
    const rows = await gateway.ledgerOf(response);
    assert.deepEqual(
      rows.map((row) => [row.purpose, row.model]),
      [
        ['primary', 'cheap'],
        ['escalation', 'strong'],
      ],
    );
    const plain = await ask('chooser');
    assert.equal(plain.data.choices[0]?.message.content, 'answer from plain');
    assert.doesNotMatch(plain.response.headers.get('x-strata-route') ?? '', /cascade=/);
  });

  test('a chosen cascade that fails in every tier falls back to the next candidate of the plan', async () => {
    upstream.cue('cheap', { status: 500 });
    upstream.cue('strong', { status: 503 });
    const { data, response } = await ask('guarded');
    assert.equal(data.choices[0]?.message.content, 'answer from backup');
    const rows = await gateway.ledgerOf(response);
    assert.deepEqual(
      rows.map((row) => [row.purpose, row.model, row.status]),
      [
        ['primary', 'cheap', 502],
        ['escalation', 'strong', 503],
        ['fallback', 'backup', 200],
      ],
    );
  });

  test('a streaming cascade buffers the tier until verified and streams only the accepted answer', async () => {
    upstream.cue('cheap', { text: 'a poor answer' });
    const stream = await client.chat.completions.create({
      model: 'tiered',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'answer from strong');
    const body = upstream.requestsFor('cheap')[0]?.body ?? '{}';
    assert.notEqual(
      (JSON.parse(body) as { stream?: boolean }).stream,
      true,
      'tiers are asked for whole answers',
    );
  });
});

describe('routes: cascades with the built-in verifiers from config', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      routes: {
        numeric: {
          cascade: [
            { use: 'local/cheap', verifiers: [{ type: 'regex', pattern: '^\\d+$' }] },
            { use: 'local/strong' },
          ],
          retries: { max: 0 },
        },
      },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('a regex verifier rejects a non-numeric answer and the strong tier answers', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
    upstream.cue('cheap', { text: 'forty-two' }, { text: '42' });
    const rejected = await client.chat.completions
      .create({ model: 'numeric', messages: [{ role: 'user', content: '6 x 7?' }] })
      .withResponse();
    assert.equal(rejected.data.choices[0]?.message.content, 'answer from strong');
    assert.match(rejected.response.headers.get('x-strata-route') ?? '', /verdicts=1:regex:0.00:fail/);
    const accepted = await client.chat.completions.create({
      model: 'numeric',
      messages: [{ role: 'user', content: '6 x 7?' }],
    });
    assert.equal(accepted.choices[0]?.message.content, '42');
  });
});
