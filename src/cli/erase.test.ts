import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../store/database.js';
import { createLedgerWriter } from '../store/ledger.js';
import { ledgerRow } from '../store/ledger-testing.js';
import { strata } from './testing/run-cli.js';

test('strata erase --user anonymises the money rows of an end-user and reports what it erased', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-erase-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const store = await openDatabase({ home });
  const ledger = createLedgerWriter(store);
  ledger.record(ledgerRow({ requestId: 'req_gone', user: 'patient-1', tags: ['ward-3'], costUsd: 0.25 }));
  ledger.record(ledgerRow({ requestId: 'req_kept', user: 'patient-2', costUsd: 0.5 }));
  await ledger.close();
  await store.close();

  const erased = await strata(['erase', '--user', 'patient-1', '--json'], { STRATA_HOME: home });
  assert.equal(erased.code, 0, erased.stderr);
  const report = JSON.parse(erased.stdout) as { ledger_rows_anonymised: number; directory_user: boolean };
  assert.equal(report.ledger_rows_anonymised, 1);
  assert.equal(report.directory_user, false);
  assert.equal((await strata(['erase'], { STRATA_HOME: home })).code, 1);

  const reopened = await openDatabase({ home });
  t.after(() => reopened.close());
  const rows = await reopened.db
    .selectFrom('ledger')
    .select(['request_id', 'user', 'tags', 'cost_usd'])
    .orderBy('request_id')
    .execute();
  assert.deepEqual(rows, [
    { request_id: 'req_gone', user: null, tags: '[]', cost_usd: 0.25 },
    { request_id: 'req_kept', user: 'patient-2', tags: '[]', cost_usd: 0.5 },
  ]);
  const audit = await reopened.db.selectFrom('audit_log').select(['actor', 'action', 'target']).execute();
  assert.deepEqual(audit, [{ actor: 'cli', action: 'erasure', target: 'patient-1' }]);
});
