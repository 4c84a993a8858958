import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { createBudgetsRepository } from '../store/budgets-repository.js';
import { openDatabase } from '../store/database.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { configBudgetId } from '../tokens/budgets/budget-service.js';
import { callChat, pricedProviderYaml } from '../tokens/budgets/testing/budget-fixture.js';
import { windowStart } from '../tokens/budgets/window-start.js';
import { serveMasterKey, spawnServe, stopped } from './testing/serve-process.js';

const budget = { scope: 'global', period: 'total', limit_usd: 1 } as const;
const ref = () => ({ budgetId: configBudgetId(budget), windowStart: windowStart('total', new Date()) });

eachDialect('budget holds when a gateway process stops', (context) => {
  // A nested suite, so the gateways stop before the dialect suite drops its database.
  describe('processes', () => {
    let upstream: FakeUpstream;
    let folder: string;
    let configPath: string;
    const children: ChildProcess[] = [];
    const start = async () => {
      const environment = { STRATA_HOME: context.location.home, DATABASE_URL: context.location.url ?? '' };
      const server = spawnServe(configPath, environment);
      children.push(server.process);
      return { process: server.process, url: await server.url };
    };
    const window = async () => {
      const store = await openDatabase(context.location);
      try {
        return await createBudgetsRepository(store.db).window(ref());
      } finally {
        await store.close();
      }
    };
    /** Sends a chat call the upstream never answers and resolves once the upstream holds it. */
    const hangingCall = async (url: string) => {
      const seen = upstream.requests.length;
      callChat(url, serveMasterKey).catch(() => {});
      while (upstream.requests.length === seen) await sleep(10);
    };

    before(async () => {
      // Holds every call open until the test closes it: the call is in flight for as long as needed.
      upstream = await startFakeUpstream(() => {});
      folder = await mkdtemp(join(tmpdir(), 'strata-budget-crash-'));
      configPath = join(folder, 'strata.yaml');
      const yaml = [
        'server: { shutdown_grace_ms: 200 }',
        'budget_leases: { ttl_ms: 1000 }',
        'knowledge: { ingest_project_docs: false }',
        ...pricedProviderYaml(upstream.url),
        'budgets:',
        `  - { scope: global, period: total, limit_usd: ${budget.limit_usd} }`,
        '',
      ];
      await writeFile(configPath, yaml.join('\n'));
    });
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await upstream.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('SIGTERM cuts a call still running after the grace period: a 499 row, a ledger row, no hold', async () => {
      const gateway = await start();
      await hangingCall(gateway.url);
      assert.ok(((await window())?.reservedMicroUsd ?? 0) > 0, 'the running call holds money');
      assert.equal(await stopped(gateway.process), 0);

      const store = await openDatabase(context.location);
      try {
        const rows = await store.db.selectFrom('request_log').selectAll().execute();
        const cut = rows.find((row) => row.status === 499);
        assert.ok(cut, `request log: ${JSON.stringify(rows.map((row) => row.status))}`);
        assert.equal(cut.error_code, 'client_closed_request');
        const ledger = await store.db
          .selectFrom('ledger')
          .selectAll()
          .where('request_id', '=', cut.request_id)
          .execute();
        assert.deepEqual(
          ledger.map((row) => row.status),
          [499],
        );
        const held = await createBudgetsRepository(store.db).window(ref());
        assert.deepEqual(held && { spent: held.spentMicroUsd, reserved: held.reservedMicroUsd }, {
          spent: 0,
          reserved: 0,
        });
      } finally {
        await store.close();
      }
    });

    it('SIGKILL mid-call: the killed process’s lease comes back once it expires', async () => {
      const [killed, survivor] = await Promise.all([start(), start()]);
      await hangingCall(killed.url);
      const leased = (await window())?.reservedMicroUsd ?? 0;
      assert.ok(leased > 0, 'the running call holds money');
      await stopped(killed.process, 'SIGKILL');
      // The survivor's reconciler gives the expired lease back: no restart needed.
      const deadline = Date.now() + 10_000;
      let reserved = leased;
      while (reserved > 0 && Date.now() < deadline) {
        await sleep(200);
        reserved = (await window())?.reservedMicroUsd ?? 0;
      }
      assert.equal(reserved, 0, 'the killed process no longer holds anything');
      assert.equal(survivor.process.exitCode, null);
    });
  });
});
