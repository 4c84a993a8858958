import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FakeUpstream } from '../models/testing/fake-upstream.js';
import { openDatabase } from '../store/database.js';
import {
  callChat,
  pricedProviderYaml,
  startBudgetUpstream,
} from '../tokens/budgets/testing/budget-fixture.js';
import { serveMasterKey, spawnServe, stopped } from './testing/serve-process.js';

describe('rows of a killed gateway process', () => {
  let upstream: FakeUpstream;
  let home: string;
  let configPath: string;
  const children: ChildProcess[] = [];
  const start = async () => {
    const server = spawnServe(configPath, { STRATA_HOME: home });
    children.push(server.process);
    return { process: server.process, url: await server.url };
  };
  const count = async (table: 'request_log' | 'ledger') => {
    const store = await openDatabase({ home });
    try {
      const rows = await store.db.selectFrom(table).select('request_id').execute();
      return rows.length;
    } finally {
      await store.close();
    }
  };

  before(async () => {
    upstream = await startBudgetUpstream();
    home = await mkdtemp(join(tmpdir(), 'strata-crash-rows-'));
    configPath = join(home, 'strata.yaml');
    // A flush that never comes before the kill: every row is still queued in memory.
    const yaml = [
      'request_log: { flush_interval_ms: 600000, batch_size: 100000 }',
      'knowledge: { ingest_project_docs: false }',
      ...pricedProviderYaml(upstream.url),
      '',
    ];
    await writeFile(configPath, yaml.join('\n'));
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });

  it('SIGKILL loses no completed call: the next start stores the rows it left queued', async () => {
    const first = await start();
    const calls = await Promise.all(Array.from({ length: 20 }, () => callChat(first.url, serveMasterKey)));
    assert.ok(calls.every((call) => call.status === 200));
    await stopped(first.process, 'SIGKILL');
    const second = await start();
    assert.equal(await count('request_log'), 20);
    assert.equal(await count('ledger'), 20);
    await stopped(second.process);
  });
});
