import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { firstIdAt } from '../core/ids.js';
import type { Store } from './database.js';
import { createLedgerWriter } from './ledger.js';
import { ledgerRow } from './ledger-testing.js';
import { createRetention } from './retention.js';
import { eachDialect } from './testing/each-dialect.js';
import { createTraceWriter } from './traces.js';

const now = new Date('2026-12-07T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000 - 60_000).toISOString();

// Organisation `short` keeps content 7 days, `long` 60; `follows` sets none, so its team follows the
// global 30 days like the team of no organisation and calls with no team at all.
const teamsOf = { short: 'team-short', long: 'team-long', follows: 'team-follows' } as const;
const teams = [teamsOf.short, teamsOf.long, teamsOf.follows, 'team-loose', null] as const;
const ages = [3, 20, 45, 90] as const;
const globalDays = 30;
const keptDays = (team: string | null) =>
  team === teamsOf.short ? 7 : team === teamsOf.long ? 60 : globalDays;

// Time-ordered, as the gateway's request ids are: traces are aged by theirs.
const idOf = (team: string | null, age: number) =>
  `${firstIdAt('req', Date.parse(daysAgo(age)))}_${team ?? 'none'}`;
const reportOf = (team: string | null, age: number) => ({
  requestId: idOf(team, age),
  model: 'm',
  costUsd: 0.002,
  who: { keyId: 'key_1', keyName: null, team, user: null, tags: ['a'], feature: null },
  stages: [{ name: 'budget', ms: 1 }],
  content: { input: `prompt ${team} ${age}`, output: `answer ${team} ${age}` },
});

async function storedReports(store: Store): Promise<Map<string, unknown>> {
  const rows = await store.db.selectFrom('traces').select(['request_id', 'report']).execute();
  return new Map(rows.map((row) => [row.request_id, JSON.parse(row.report)]));
}

eachDialect('content retention', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
    const createdAt = now.toISOString();
    await store.db
      .insertInto('organisations')
      .values([
        { id: 'short', name: 'Short', created_at: createdAt, content_retention_days: 7 },
        { id: 'long', name: 'Long', created_at: createdAt, content_retention_days: 60 },
        { id: 'follows', name: 'Follows', created_at: createdAt, content_retention_days: null },
      ])
      .execute();
    await store.db
      .insertInto('teams')
      .values([
        { id: teamsOf.short, organisation_id: 'short', name: 's', created_at: createdAt },
        { id: teamsOf.long, organisation_id: 'long', name: 'l', created_at: createdAt },
        { id: teamsOf.follows, organisation_id: 'follows', name: 'f', created_at: createdAt },
        { id: 'team-loose', organisation_id: null, name: 'x', created_at: createdAt },
      ])
      .execute();
    const traces = createTraceWriter(store, { flushIntervalMs: 60_000 });
    const ledger = createLedgerWriter(store, { flushIntervalMs: 60_000 });
    for (const team of teams)
      for (const age of ages) {
        const requestId = idOf(team, age);
        traces.record({
          requestId,
          traceId: 'a'.repeat(32),
          sessionId: null,
          createdAt: daysAgo(age),
          report: JSON.stringify(reportOf(team, age)),
        });
        ledger.record(ledgerRow({ requestId, createdAt: daysAgo(age) }));
      }
    // A row written before reports were stored holds a span array; it is left as it is.
    traces.record({
      requestId: 'req_legacy',
      traceId: 'b'.repeat(32),
      sessionId: null,
      createdAt: daysAgo(400),
      report: JSON.stringify([{ name: 'content', attributes: { content: 'x' } }]),
    });
    await Promise.all([traces.close(), ledger.close()]);
  });

  it("strips content past each organisation's days, or the global days, and keeps the rest of the report", async () => {
    const retention = createRetention(store.db, store.dialect);
    const expectedStripped = teams.flatMap((team) => ages.filter((age) => age > keptDays(team)));
    assert.equal(await retention.stripContent(globalDays, now), expectedStripped.length);
    const reports = await storedReports(store);
    for (const team of teams)
      for (const age of ages) {
        const { content, ...rest } = reportOf(team, age);
        const expected = age > keptDays(team) ? rest : { ...rest, content };
        assert.deepEqual(reports.get(idOf(team, age)), expected, `${team} at ${age} days`);
      }
    assert.deepEqual(reports.get('req_legacy'), [{ name: 'content', attributes: { content: 'x' } }]);
    assert.equal(reports.size, teams.length * ages.length + 1, 'no trace deleted');
    const ledgerRows = await store.db.selectFrom('ledger').select('request_id').execute();
    assert.equal(ledgerRows.length, teams.length * ages.length, 'money rows stay');

    assert.equal(await retention.stripContent(globalDays, now), 0, 'a second pass changes nothing');
    assert.deepEqual(await storedReports(store), reports);
  });

  it('without a global setting, only organisations with their own days lose content', async () => {
    const retention = createRetention(store.db, store.dialect);
    // The first test stripped everything due at `now`; two years on, only `short` and `long` are due.
    const later = new Date(now.getTime() + 730 * 86_400_000);
    const dueBefore = await storedReports(store);
    const stripped = await retention.stripContent(undefined, later);
    const reports = await storedReports(store);
    const lost = [...dueBefore.keys()].filter(
      (id) =>
        (dueBefore.get(id) as { content?: unknown }).content !== undefined &&
        (reports.get(id) as { content?: unknown }).content === undefined,
    );
    assert.deepEqual(
      lost.sort(),
      [idOf(teamsOf.long, 3), idOf(teamsOf.long, 20), idOf(teamsOf.long, 45), idOf(teamsOf.short, 3)].sort(),
    );
    assert.equal(stripped, lost.length);
  });
});
