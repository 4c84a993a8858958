import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createLedgerWriter } from './ledger.js';
import { createLedgerQueries, type LedgerQueries, type SpendGroup } from './ledger-queries.js';
import { ledgerRow } from './ledger-testing.js';
import { eachDialect } from './testing/each-dialect.js';

function byGroup(groups: SpendGroup[]): Record<string, Omit<SpendGroup, 'group'>> {
  return Object.fromEntries(groups.map(({ group, ...rest }) => [group ?? '(none)', rest]));
}

eachDialect('ledger spend queries', (context) => {
  let store: Store;
  let ledger: LedgerQueries;
  before(async () => {
    store = await context.open();
    ledger = createLedgerQueries(store.db, store.dialect);
    const writer = createLedgerWriter(store);
    const base = { team: 'search', user: 'alice', feature: 'chat' };
    writer.record(
      ledgerRow({ ...base, tags: ['beta', 'eu'], createdAt: '2026-11-01T00:00:00.000Z', costUsd: 0.5 }),
    );
    writer.record(
      ledgerRow({
        ...base,
        tags: ['eu'],
        createdAt: '2026-11-01T23:59:59.999Z',
        costUsd: 0.25,
        cachedInputTokens: 4,
      }),
    );
    writer.record(
      ledgerRow({
        keyId: 'key_b',
        team: 'ads',
        user: 'bob',
        feature: 'search',
        provider: 'local',
        model: 'my-finetune',
        createdAt: '2026-11-02T08:00:00.000Z',
        costUsd: null,
        priceVersion: null,
      }),
    );
    writer.record(
      ledgerRow({ keyId: 'key_b', createdAt: '2026-11-30T10:00:00.000Z', costUsd: 1, outputTokens: 7 }),
    );
    writer.record(ledgerRow({ createdAt: '2026-12-01T00:00:00.000Z', costUsd: 8 }));
    await writer.close();
  });

  it('groups by model, counting unpriced attempts apart instead of as $0', async () => {
    const groups = await ledger.spend({ groupBy: 'model' });
    assert.deepEqual(groups[0], {
      group: 'gpt-4o-mini',
      requests: 4,
      input_tokens: 44,
      output_tokens: 22,
      cost_usd: 9.75,
      saved_usd: 0,
      unpriced_requests: 0,
    });
    assert.deepEqual(byGroup(groups)['my-finetune'], {
      requests: 1,
      input_tokens: 10,
      output_tokens: 5,
      cost_usd: 0,
      saved_usd: 0,
      unpriced_requests: 1,
    });
  });

  it('groups by every dimension', async () => {
    const requests = async (groupBy: Parameters<LedgerQueries['spend']>[0]['groupBy']) =>
      Object.fromEntries(
        Object.entries(byGroup(await ledger.spend({ groupBy }))).map(([k, v]) => [k, v.requests]),
      );
    assert.deepEqual(await requests('key'), { key_a: 3, key_b: 2 });
    assert.deepEqual(await requests('team'), { search: 2, ads: 1, '(none)': 2 });
    assert.deepEqual(await requests('user'), { alice: 2, bob: 1, '(none)': 2 });
    assert.deepEqual(await requests('feature'), { chat: 2, search: 1, '(none)': 2 });
    assert.deepEqual(await requests('provider'), { openai: 4, local: 1 });
    assert.deepEqual(await requests('tag'), { eu: 2, beta: 1 });
    assert.deepEqual(
      (await ledger.spend({ groupBy: 'day' })).map((group) => [group.group, group.requests]),
      [
        ['2026-11-01', 2],
        ['2026-11-02', 1],
        ['2026-11-30', 1],
        ['2026-12-01', 1],
      ],
    );
    assert.equal(byGroup(await ledger.spend({ groupBy: 'tag' })).eu?.cost_usd, 0.75);
  });

  it('keeps to the date range: a bare `to` date includes that whole day', async () => {
    const november = await ledger.spend({ groupBy: 'key', from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(
      november.map((group) => [group.group, group.requests]),
      [
        ['key_b', 2],
        ['key_a', 2],
      ],
    );
    const one = await ledger.spend({
      groupBy: 'day',
      from: '2026-11-01T12:00:00Z',
      to: '2026-11-02T08:00:00Z',
    });
    assert.deepEqual(
      one.map((group) => [group.group, group.requests]),
      [
        ['2026-11-01', 1],
        ['2026-11-02', 1],
      ],
    );
  });

  it('filters by key and by model', async () => {
    assert.deepEqual(
      (await ledger.spend({ groupBy: 'model', keyId: 'key_b' })).map((group) => group.group),
      ['gpt-4o-mini', 'my-finetune'],
    );
    assert.deepEqual(
      (await ledger.spend({ groupBy: 'key', model: 'my-finetune' })).map((group) => group.group),
      ['key_b'],
    );
    assert.deepEqual(await ledger.spend({ groupBy: 'model', from: '2027-01-01' }), []);
  });
});
