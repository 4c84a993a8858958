import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveMasterKey, spawnServe, stopped } from '../gateway/testing/serve-process.js';

test('each start records the configuration it loaded in the audit log, and whether it changed', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-serve-audit-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const configPath = join(home, 'strata.yaml');
  const start = async (yaml: string) => {
    await writeFile(configPath, yaml);
    const served = spawnServe(configPath, { STRATA_HOME: home });
    const url = await served.url;
    const response = await fetch(`${url}/admin/v1/audit?action=config.loaded`, {
      headers: { authorization: `Bearer ${serveMasterKey}` },
    });
    const rows = (
      (await response.json()) as { data: Array<{ detail: { digest: string; changed: boolean } }> }
    ).data;
    await stopped(served.process);
    return rows;
  };
  const base = 'knowledge:\n  ingest_project_docs: false\n';
  assert.deepEqual(
    (await start(base)).map((row) => row.detail.changed),
    [false],
  );
  const again = await start(base);
  assert.deepEqual(
    again.map((row) => row.detail.changed),
    [false, false],
  );
  assert.equal(again[0]?.detail.digest, again[1]?.detail.digest);
  const changed = await start(`${base}cache:\n  enabled: true\n`);
  assert.deepEqual(
    changed.map((row) => row.detail.changed),
    [true, false, false],
  );
});
