import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { embeddingsAnswer, type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { embedTexts } from '../pipeline/stack.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Answers every embeddings call with one vector per input and two prompt tokens per input. */
function startEmbeddingsUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(embeddingsAnswer(recorded.body, 'text-embedding-3-small', 2));
  });
}

const keys = {
  spender: 'sk-embed-spender-0123456789',
  limited: 'sk-embed-limited-0123456789',
  tokens: 'sk-embed-tokens-0123456789',
  internal: 'sk-embed-internal-0123456789',
};

describe('embeddings are governed like chat calls', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startEmbeddingsUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      // $0.50 per input token: `hello world` (two tokens) costs $1.00.
      catalog: { models: [{ provider: 'openai', id: 'text-embedding-3-small', input: 500_000, output: 0 }] },
      keys: Object.entries(keys).map(([name, key]) => ({ name, key })),
      budgets: [
        { scope: 'key', match: 'config:spender', period: 'total', limit_usd: 2.5 },
        { scope: 'key', match: 'config:internal', period: 'total', limit_usd: 1.5 },
      ],
      limits: {
        rate_limits: [
          { scope: 'key', match: 'config:limited', requests_per_minute: 5 },
          { scope: 'key', match: 'config:tokens', tokens_per_minute: 20 },
        ],
      },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const embed = (key: string, input: string | string[] = 'hello world') =>
    fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'openai/text-embedding-3-small', input }),
    });

  test('a key stops at its budget: the worst case is held, the reported usage charged', async () => {
    const before = upstream.requests.length;
    const statuses = [];
    const codes = [];
    for (let call = 0; call < 5; call++) {
      const response = await embed(keys.spender);
      statuses.push(response.status);
      const body = (await response.json()) as { error?: { code: string } };
      codes.push(body.error?.code ?? null);
    }
    assert.deepEqual(statuses, [200, 200, 429, 429, 429]);
    assert.deepEqual(codes.slice(2), ['budget_exceeded', 'budget_exceeded', 'budget_exceeded']);
    assert.equal(upstream.requests.length - before, 2, 'refused calls never reach the provider');
    const budget = (await gateway.stack.budgets.list()).find((entry) => entry.match === 'config:spender');
    assert.ok(budget);
    const window = await gateway.stack.budgets.currentWindow(budget);
    assert.deepEqual([window.spentMicroUsd, window.reservedMicroUsd], [2_000_000, 0]);
  });

  test('a served call carries its cost and token headers and lands in the ledger', async () => {
    const response = await embed(gateway.masterKey, ['hello world', 'hello world']);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-strata-cost-usd'), '2');
    assert.equal(response.headers.get('x-strata-tokens-in'), '4');
    const [row, ...rest] = await gateway.ledgerOf(response);
    assert.equal(rest.length, 0);
    assert.deepEqual([row?.costUsd, row?.inputTokens, row?.model], [2, 4, 'text-embedding-3-small']);
  });

  test('parallel calls past a requests-per-minute limit are refused with 429', async () => {
    const before = upstream.requests.length;
    const responses = await Promise.all(Array.from({ length: 20 }, () => embed(keys.limited)));
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 200).length, 5);
    assert.equal(statuses.filter((status) => status === 429).length, 15);
    assert.equal(upstream.requests.length - before, 5);
    const served = responses.find((response) => response.status === 200);
    assert.equal(served?.headers.get('x-ratelimit-limit-requests'), '5');
    const refused = responses.find((response) => response.status === 429);
    assert.ok(refused);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
  });

  test('a tokens-per-minute limit counts the input', async () => {
    // 16 estimated tokens fit under 20 a minute and are corrected to the 2 the provider reported;
    // 20 more do not fit beside those 2.
    assert.equal((await embed(keys.tokens, 'a'.repeat(64))).status, 200);
    assert.equal((await embed(keys.tokens, 'a'.repeat(80))).status, 429);
    assert.equal((await embed(keys.tokens, 'a'.repeat(72))).status, 200);
  });

  test("the gateway's own embeddings calls are held to the caller's budget too", async () => {
    const principal = await gateway.stack.keys.authenticate(keys.internal);
    assert.ok(principal);
    const input = {
      model: 'openai/text-embedding-3-small',
      texts: ['hello world'],
      principal,
      timeoutMs: 5000,
    };
    assert.equal((await embedTexts(gateway.stack.embed, input)).length, 1);
    await assert.rejects(embedTexts(gateway.stack.embed, input), { code: 'budget_exceeded' });
    await gateway.stack.flush();
  });
});
