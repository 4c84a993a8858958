import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { VerifierConfig } from '../config/verifiers.js';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import type { Verifier } from '../routing/verifiers/verifier.js';
import { toMicroUsd } from '../tokens/budgets/micro-usd.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** `contains`, as the cascade's check. */
function containsVerifier(config: VerifierConfig): Verifier {
  if (config.type !== 'contains') throw new Error(`the test has no \`${config.type}\` verifier`);
  return {
    name: 'contains',
    async verify(_request, response) {
      const pass = config.values.every((value) =>
        String(response.choices[0]?.message.content).includes(value),
      );
      return { score: pass ? 1 : 0, pass, reason: pass ? 'has it' : 'lacks it' };
    },
  };
}

// The cue upstream reports 10 prompt and 5 completion tokens per answer. At $1/M in and $1/M out on
// `cheap` and $10/M in and $10/M out on `strong`, an answer costs $0.000015 or $0.00015.
const cheap = toMicroUsd(0.000015);
const strong = toMicroUsd(0.00015);

describe('budgets on routed calls', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startCueUpstream();
    const plain = { retries: { max: 0 }, breaker: { enabled: false } };
    gateway = await startGateway(
      {
        providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
        catalog: {
          models: [
            { provider: 'openai-compatible', id: 'cheap', input: 1, output: 1, max_output: 100 },
            { provider: 'openai-compatible', id: 'strong', input: 10, output: 10, max_output: 100 },
          ],
        },
        routes: {
          chain: { fallback: ['local/cheap', 'local/strong'], ...plain },
          tiered: {
            cascade: [
              { use: 'local/cheap', verifiers: [{ type: 'contains', values: ['good'] }] },
              { use: 'local/strong' },
            ],
            ...plain,
          },
        },
        budgets: [{ scope: 'global', period: 'total', limit_usd: 1 }],
      },
      { stackDeps: { createVerifier: containsVerifier } },
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  async function spent(): Promise<{ spent: number; reserved: number }> {
    const [budget] = await gateway.stack.budgets.list();
    assert.ok(budget);
    const window = await gateway.stack.budgets.currentWindow(budget);
    return { spent: window.spentMicroUsd, reserved: window.reservedMicroUsd };
  }

  async function ask(model: string): Promise<number> {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.text();
    return response.status;
  }

  test('a fallback is charged what the answering model cost; the failed attempt was not billed', async () => {
    const before = await spent();
    upstream.cue('cheap', { status: 503 });
    assert.equal(await ask('chain'), 200);
    const after = await spent();
    assert.equal(after.spent - before.spent, strong);
    assert.equal(after.reserved, 0);
  });

  test('a filtered answer is billed too: the fallback is charged both, and the cost header is their sum', async () => {
    const before = await spent();
    upstream.cue('cheap', 'content-filter');
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify({ model: 'chain', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(body.choices[0]?.message.content, 'answer from strong');
    assert.equal(toMicroUsd(Number(response.headers.get('x-strata-cost-usd'))), cheap + strong);
    const after = await spent();
    assert.equal(after.spent - before.spent, cheap + strong);
    assert.equal(after.reserved, 0);
  });

  test('an escalated cascade is charged both tiers, not only the answer it served', async () => {
    const before = await spent();
    upstream.cue('cheap', { text: 'a poor answer' });
    assert.equal(await ask('tiered'), 200);
    const after = await spent();
    assert.equal(after.spent - before.spent, cheap + strong);
    assert.equal(after.reserved, 0);
  });

  test('a routed call that fails after paying for an attempt is charged for it', async () => {
    const before = await spent();
    upstream.cue('cheap', { text: 'a poor answer' });
    upstream.cue('strong', { status: 400 });
    assert.equal(await ask('tiered'), 400);
    const after = await spent();
    assert.equal(after.spent - before.spent, cheap);
    assert.equal(after.reserved, 0);
  });
});
