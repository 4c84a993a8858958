import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { callChat, testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** An upstream that ignores `max_tokens`: every answer bills a million output tokens ($2 at the test price). */
function startRunawayUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((_recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-runaway',
        object: 'chat.completion',
        created: 1_760_000_000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 5, completion_tokens: 1_000_000, total_tokens: 1_000_005 },
      }),
    );
  });
}

eachDialect('a budget a provider pushed past its limit', (context) => {
  // A nested suite, so the gateway closes before the dialect suite drops its database.
  describe('one gateway', () => {
    let upstream: FakeUpstream;
    let gateway: TestGateway;
    const warnings: string[] = [];
    const warn = console.warn;

    before(async () => {
      console.warn = (message: unknown) => warnings.push(String(message));
      upstream = await startRunawayUpstream();
      gateway = await startGateway({
        ...(context.location.url !== undefined && { store: { database_url: context.location.url } }),
        providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
        catalog: { models: [testPrice] },
        budgets: [{ scope: 'global', period: 'total', limit_usd: 1 }],
      });
    });
    after(async () => {
      console.warn = warn;
      await gateway.close();
      await upstream.close();
    });

    it('refuses the next calls, flags the window and logs a warning', async () => {
      assert.equal((await callChat(gateway.url, gateway.masterKey)).status, 200);
      const next = await callChat(gateway.url, gateway.masterKey);
      assert.deepEqual(next, { status: 429, code: 'budget_exceeded' });
      const listed = (await fetch(`${gateway.url}/admin/v1/budgets`, {
        headers: { authorization: `Bearer ${gateway.masterKey}` },
      }).then((response) => response.json())) as {
        data: Array<{ window: { spent_usd: number; alerted_at: string | null } }>;
      };
      const [budget] = listed.data;
      assert.ok(budget);
      assert.ok(budget.window.spent_usd > 1, `spent ${budget.window.spent_usd}`);
      assert.ok(budget.window.alerted_at, 'the window is flagged');
      assert.ok(
        warnings.some((line) => /went past its limit/.test(line)),
        'a warning names the budget',
      );
    });
  });
});
