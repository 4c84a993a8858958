import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { createBudgetsRepository } from '../store/budgets-repository.js';
import { openDatabase } from '../store/database.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { configBudgetId } from '../tokens/budgets/budget-service.js';
import { toMicroUsd } from '../tokens/budgets/micro-usd.js';
import {
  answeredUsage,
  callChat,
  pricedProviderYaml,
  startBudgetUpstream,
  testPrice,
} from '../tokens/budgets/testing/budget-fixture.js';
import { windowStart } from '../tokens/budgets/window-start.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { serveMasterKey, spawnServe, stopped } from './testing/serve-process.js';

const masterKey = serveMasterKey;

eachDialect('budgets shared by two gateway processes', (context) => {
  // A nested suite, so the gateway closes before the dialect suite drops its database.
  describe('two processes', () => {
    let upstream: FakeUpstream;
    let folder: string;
    const children: ChildProcess[] = [];
    const limitUsd = 0.002;
    const budget = { scope: 'global', period: 'total', limit_usd: limitUsd } as const;

    before(async () => {
      upstream = await startBudgetUpstream();
      folder = await mkdtemp(join(tmpdir(), 'strata-budget-replicas-'));
    });
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await upstream.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('500 concurrent calls split across both never spend past the limit; shutdown gives every lease back', async () => {
      const configPath = join(folder, 'strata.yaml');
      const yaml = [
        ...pricedProviderYaml(upstream.url),
        'budgets:',
        `  - { scope: global, period: total, limit_usd: ${limitUsd} }`,
        '',
      ];
      await writeFile(configPath, yaml.join('\n'));
      // Both processes share one store: the same SQLite file, or the same PostgreSQL schema.
      const environment = { STRATA_HOME: context.location.home, DATABASE_URL: context.location.url ?? '' };
      const servers = [0, 1].map(() => spawnServe(configPath, environment));
      children.push(...servers.map((server) => server.process));
      const urls = await Promise.all(servers.map((server) => server.url));

      // One call to each process first, so both hold a lease before the burst whoever starts faster.
      const first = [await callChat(urls[0] ?? '', masterKey), await callChat(urls[1] ?? '', masterKey)];
      const burst = await Promise.all(
        Array.from({ length: 498 }, (_, index) => callChat(urls[index % 2] ?? '', masterKey)),
      );
      const results = [...first, ...burst];
      const served = results.filter((result) => result.status === 200).length;
      const refused = results.filter((result) => result.code === 'budget_exceeded').length;
      assert.equal(served + refused, 500);
      assert.ok(served > 0 && refused > 0, `served ${served}, refused ${refused}`);
      const servedBy = [0, 1].map((process) =>
        results.filter((r, i) => i % 2 === process && r.status === 200),
      );
      assert.ok(
        servedBy.every((calls) => calls.length > 0),
        'both processes served calls from their leases',
      );

      const ref = { budgetId: configBudgetId(budget), windowStart: windowStart('total', new Date()) };
      const store = await openDatabase(context.location);
      try {
        const running = await createBudgetsRepository(store.db).window(ref);
        assert.ok(running);
        assert.ok(
          running.spentMicroUsd + running.reservedMicroUsd <= toMicroUsd(limitUsd),
          `spent ${running.spentMicroUsd} + leased ${running.reservedMicroUsd}`,
        );
        await Promise.all(servers.map((server) => stopped(server.process)));
        const window = await createBudgetsRepository(store.db).window(ref);
        assert.ok(window);
        assert.equal(window.reservedMicroUsd, 0, 'shutdown gave every lease back');
        assert.ok(window.spentMicroUsd <= toMicroUsd(limitUsd), `spent ${window.spentMicroUsd}`);
        const actual = toMicroUsd(costOf(normaliseUsage(answeredUsage), testPrice).usd);
        assert.equal(window.spentMicroUsd, served * actual, 'every served call was charged');
      } finally {
        await store.close();
      }
    });
  });
});
