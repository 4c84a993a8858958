import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { toMicroUsd } from '../tokens/budgets/micro-usd.js';
import { answeredUsage, budgetedRequest, testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Answers JSON or SSE (with its usage chunk) with `answeredUsage`. */
function startUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const base = { id: 'chatcmpl-scope', created: 1_760_000_000, model: 'gpt-4o-mini' };
    if ((JSON.parse(recorded.body) as { stream?: boolean }).stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      const message = { role: 'assistant', content: 'ok' };
      const choices = [{ index: 0, message, finish_reason: 'stop' }];
      response.end(JSON.stringify({ ...base, object: 'chat.completion', choices, usage: answeredUsage }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (body: object) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...body })}\n\n`;
    response.write(chunk({ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: null }] }));
    response.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    response.end(`${chunk({ choices: [], usage: answeredUsage })}data: [DONE]\n\n`);
  });
}

// The worst case of `budgetedRequest` is about $0.00021 and its actual cost $0.000105: a $0.0004
// budget holds two calls (the second reserves on top of the first one's actual cost), then refuses the third.
const twoCalls = 0.0004;
const actual = toMicroUsd(costOf(normaliseUsage(answeredUsage), testPrice).usd);

describe('budgets per team, tag and end user; soft budgets; streamed calls', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  const keys: Record<string, string> = {};

  before(async () => {
    upstream = await startUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [testPrice] },
      budgets: [
        { scope: 'team', match: 'blue', period: 'daily', limit_usd: twoCalls },
        { scope: 'tag', match: 'batch', period: 'daily', limit_usd: twoCalls },
        { scope: 'user', match: 'end-user-7', period: 'daily', limit_usd: twoCalls },
        { scope: 'key', match: 'config:soft', period: 'daily', limit_usd: twoCalls, mode: 'soft' },
        { scope: 'key', match: 'config:streamer', period: 'total', limit_usd: 1 },
      ],
      keys: [
        { name: 'soft', key: 'sk-soft-budget-0123456789' },
        { name: 'streamer', key: 'sk-streamer-0123456789' },
      ],
    });
    for (const name of ['blue-1', 'blue-2', 'red'])
      keys[name] = (
        await gateway.stack.keys.create({
          name,
          metadata: { team: name.startsWith('blue') ? 'blue' : 'red' },
        })
      ).key;
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function call(key: string, extra: object = {}, headers: Record<string, string> = {}) {
    const response = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify({ ...budgetedRequest, ...extra }),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text };
  }

  async function windowOf(scope: string, match: string) {
    const budget = (await gateway.stack.budgets.list()).find((b) => b.scope === scope && b.match === match);
    assert.ok(budget, `a ${scope} budget for ${match}`);
    return gateway.stack.budgets.currentWindow(budget);
  }

  it("a team budget is shared by the team's keys, and a key cannot claim another team", async () => {
    assert.equal((await call(keys['blue-1'] ?? '')).status, 200);
    // Naming another team in metadata does not move the spend off the key's own team.
    assert.equal((await call(keys['blue-2'] ?? '', { metadata: { team: 'red' } })).status, 200);
    const refused = await call(keys['blue-1'] ?? '');
    assert.equal(refused.status, 429);
    assert.match(refused.text, /team blue/);
    assert.equal((await call(keys.red ?? '')).status, 200, 'another team is not affected');
    assert.equal((await windowOf('team', 'blue')).spentMicroUsd, 2 * actual);
    await gateway.stack.flush();
    const spend = await gateway.stack.ledger.spend({ groupBy: 'team' });
    const blue = spend.find((group) => group.group === 'blue');
    assert.equal(blue?.requests, 2);
  });

  it('a tag budget applies to calls carrying the tag, wherever it sits in the list', async () => {
    const tagged = { metadata: { tags: 'nightly, batch' } };
    assert.equal((await call(keys.red ?? '', tagged)).status, 200);
    assert.equal((await call(keys.red ?? '', tagged)).status, 200);
    assert.equal((await call(keys.red ?? '', tagged)).status, 429);
    assert.equal((await call(keys.red ?? '', { metadata: { tags: 'nightly' } })).status, 200);
  });

  it('an end-user budget matches the `user` field or the x-strata-end-user header', async () => {
    const header = { 'x-strata-end-user': 'end-user-7' };
    assert.equal((await call(keys.red ?? '', {}, header)).status, 200);
    assert.equal((await call(keys.red ?? '', { user: 'end-user-7' })).status, 200);
    assert.equal((await call(keys.red ?? '', {}, header)).status, 429);
    assert.equal((await call(keys.red ?? '', { user: 'end-user-8' }, header)).status, 200, 'the field wins');
  });

  it('a soft budget serves past its limit and flags its window', async () => {
    for (let index = 0; index < 4; index++)
      assert.equal((await call('sk-soft-budget-0123456789')).status, 200);
    const window = await windowOf('key', 'config:soft');
    assert.equal(window.spentMicroUsd, 4 * actual);
    assert.ok(window.alertedAt, 'the window records when it went over');
  });

  it('streamed calls hold the worst case while they run and settle to their actual cost', async () => {
    for (let index = 0; index < 3; index++) {
      const streamed = await call('sk-streamer-0123456789', { stream: true });
      assert.equal(streamed.status, 200);
      assert.match(streamed.text, /\[DONE\]/);
    }
    // Settling happens when the stream's summary resolves, just after the last byte.
    let window = await windowOf('key', 'config:streamer');
    for (let tries = 0; tries < 50 && window.reservedMicroUsd !== 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      window = await windowOf('key', 'config:streamer');
    }
    assert.equal(window.reservedMicroUsd, 0);
    assert.equal(window.spentMicroUsd, 3 * actual);
  });
});
