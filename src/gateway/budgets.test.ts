import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatRequest } from '../core/types.js';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { toMicroUsd } from '../tokens/budgets/micro-usd.js';
import {
  answeredUsage,
  budgetedRequest,
  callChat,
  startBudgetUpstream,
  testPrice,
} from '../tokens/budgets/testing/budget-fixture.js';
import { worstCaseUsd } from '../tokens/budgets/worst-case.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

eachDialect('budgets at the gateway', (context) => {
  // A nested suite, so the gateway closes before the dialect suite drops its database.
  describe('one gateway', () => {
    let upstream: FakeUpstream;
    let gateway: TestGateway;
    // About 20 calls at the worst case (a few tokens of prompt plus 100 of output at $2/M).
    const limitUsd = 0.0042;

    before(async () => {
      upstream = await startBudgetUpstream();
      gateway = await startGateway({
        ...(context.location.url !== undefined && { store: { database_url: context.location.url } }),
        providers: {
          openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
          local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` },
        },
        catalog: { models: [testPrice] },
        budgets: [
          { scope: 'global', period: 'total', limit_usd: limitUsd },
          { scope: 'model', match: 'local/free', period: 'daily', limit_usd: 1, unpriced: 'allow' },
        ],
      });
    });
    after(async () => {
      await gateway.close();
      await upstream.close();
    });

    const globalWindow = async () => {
      const budget = (await gateway.stack.budgets.list()).find((candidate) => candidate.scope === 'global');
      assert.ok(budget);
      return gateway.stack.budgets.currentWindow(budget);
    };

    it('500 concurrent calls never spend past a hard limit; each success costs what it used', async () => {
      const results = await Promise.all(
        Array.from({ length: 500 }, () => callChat(gateway.url, gateway.masterKey)),
      );
      const served = results.filter((result) => result.status === 200).length;
      const refused = results.filter((result) => result.status === 429 && result.code === 'budget_exceeded');
      assert.equal(served + refused.length, 500, JSON.stringify(results.filter((r) => r.status !== 200)));
      assert.ok(served >= 20, `served ${served}`);
      assert.ok(refused.length > 0);
      const window = await globalWindow();
      const actual = toMicroUsd(costOf(normaliseUsage(answeredUsage), testPrice).usd);
      assert.equal(window.reservedMicroUsd, 0, 'every hold was settled or released');
      assert.equal(window.spentMicroUsd, served * actual, 'each call is charged its actual cost');
      assert.ok(window.spentMicroUsd <= toMicroUsd(limitUsd), `spent ${window.spentMicroUsd}`);
    });

    it('a refusal is a 429 insufficient_quota naming the budget, and is logged', async () => {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
        body: JSON.stringify(budgetedRequest),
      });
      const body = (await response.json()) as { error: { type: string; code: string; message: string } };
      assert.equal(response.status, 429);
      assert.equal(body.error.type, 'insufficient_quota');
      assert.match(
        body.error.message,
        /^Budget bud_cfg_\w+ exceeded: the total budget of \$0\.0042 across the gateway has no room/,
      );
      await gateway.stack.flush();
      const row = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
      assert.equal(row?.errorCode, 'budget_exceeded');
    });

    it('a model without a price is refused while a budget applies, naming the fix', async () => {
      const ask = (model: string) =>
        fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
        });
      const refused = await ask('local/unpriced');
      assert.equal(refused.status, 400);
      assert.match(
        ((await refused.json()) as { error: { message: string } }).error.message,
        /no catalog price/,
      );
    });

    it('the admin API creates, lists (with spend) and deletes budgets', async () => {
      const admin = { authorization: `Bearer ${gateway.masterKey}` };
      const created = await fetch(`${gateway.url}/admin/v1/budgets`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          scope: 'model',
          match: 'openai/gpt-4o-mini',
          period: 'monthly',
          limit_usd: 5,
        }),
      });
      assert.equal(created.status, 201);
      const { id } = (await created.json()) as { id: string };
      const listed = (await await fetch(`${gateway.url}/admin/v1/budgets`, { headers: admin }).then((r) =>
        r.json(),
      )) as { data: Array<{ id: string; source: string; window: { spent_usd: number } }> };
      assert.ok(listed.data.some((budget) => budget.id === id && budget.source === 'api'));
      const configured = listed.data.find((budget) => budget.source === 'config');
      assert.ok(configured && configured.window.spent_usd > 0);
      const refusedDelete = await fetch(`${gateway.url}/admin/v1/budgets/${configured.id}`, {
        method: 'DELETE',
        headers: admin,
      });
      assert.equal(refusedDelete.status, 400, 'config budgets are edited in strata.yaml');
      const deleted = await fetch(`${gateway.url}/admin/v1/budgets/${id}`, {
        method: 'DELETE',
        headers: admin,
      });
      assert.equal(deleted.status, 200);
    });
  });
});

describe('a budget with room for a call only at its exact count', () => {
  it('serves the call: the hold is counted exactly before a refusal', async (t) => {
    const upstream = await startBudgetUpstream();
    const request = {
      ...budgetedRequest,
      messages: [
        {
          role: 'user',
          content: 'Why should an AI gateway add as little work per request as it can? '.repeat(20),
        },
      ],
    };
    const model = {
      providerKind: 'openai',
      upstreamModel: 'gpt-4o-mini',
      price: testPrice,
      maxOutput: undefined,
    };
    const exact = toMicroUsd(worstCaseUsd(request as ChatRequest, model, 'exact'));
    assert.ok(toMicroUsd(worstCaseUsd(request as ChatRequest, model, 'bound')) > 2 * exact);
    const gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [testPrice] },
      budgets: [{ scope: 'global', period: 'total', limit_usd: (exact + 1) / 1e6 }],
    });
    t.after(async () => {
      await gateway.close();
      await upstream.close();
    });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify(request),
    });
    assert.equal(response.status, 200, await response.text());
  });
});
