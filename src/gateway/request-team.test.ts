import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { budgetedRequest, startBudgetUpstream, testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

const teamless = 'sk-teamless-0123456789';

/** A gateway whose team `red` has less budget than one call needs, and a key without a team. */
function startTeamGateway(upstream: FakeUpstream, allowRequestTeam: boolean | undefined) {
  return startGateway({
    providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
    catalog: { models: [testPrice] },
    budgets: [{ scope: 'team', match: 'red', period: 'daily', limit_usd: 0.0001 }],
    keys: [{ name: 'teamless', key: teamless }],
    ...(allowRequestTeam !== undefined && {
      limits: { attribution: { allow_request_team: allowRequestTeam } },
    }),
  });
}

describe('metadata.team from a key without a team', () => {
  let upstream: FakeUpstream;
  const gateways: TestGateway[] = [];

  before(async () => {
    upstream = await startBudgetUpstream();
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    await upstream.close();
  });

  const askAsRed = (gateway: TestGateway, key: string) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ ...budgetedRequest, metadata: { team: 'red' } }),
    });

  test('by default charges no team: the team budget is not touched and the ledger names no team', async () => {
    const gateway = await startTeamGateway(upstream, undefined);
    gateways.push(gateway);
    const response = await askAsRed(gateway, teamless);
    assert.equal(response.status, 200);
    const [row] = await gateway.ledgerOf(response);
    assert.equal(row?.team, null);
    // The master key still may attribute a call to any team.
    const master = await askAsRed(gateway, gateway.masterKey);
    assert.equal(master.status, 429);
  });

  test('with allow_request_team on, charges the named team', async () => {
    const gateway = await startTeamGateway(upstream, true);
    gateways.push(gateway);
    const response = await askAsRed(gateway, teamless);
    assert.equal(response.status, 429);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'budget_exceeded');
  });
});
