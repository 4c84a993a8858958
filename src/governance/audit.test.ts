import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { createAuditRepository } from '../store/audit-repository.js';
import type { Store } from '../store/database.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { type AuditLog, createAuditLog, genesisHash } from './audit.js';

eachDialect('audit log', (context) => {
  let store: Store;
  let audit: AuditLog;

  // Each test tampers with the log, so each starts from a fresh chain of five rows.
  beforeEach(async () => {
    store ??= await context.open();
    await store.db.deleteFrom('audit_log').execute();
    await store.db.deleteFrom('settings').where('name', '=', 'audit_head').execute();
    audit = createAuditLog(createAuditRepository(store.db));
    for (let index = 1; index <= 5; index++)
      await audit.record({
        actor: 'master',
        action: 'key.create',
        target: `key_${index}`,
        detail: { name: `app-${index}`, team: 'search' },
      });
  });

  it('chains each row to the one before and verifies clean', async () => {
    const rows = await audit.list({ limit: 10 });
    assert.deepEqual(
      rows.map((row) => row.seq),
      [5, 4, 3, 2, 1],
    );
    assert.equal(rows.at(-1)?.prevHash, genesisHash);
    for (const [index, row] of rows.slice(0, -1).entries()) assert.equal(row.prevHash, rows[index + 1]?.hash);
    assert.deepEqual(await audit.verify(), { ok: true, rows: 5, problems: [] });
  });

  it('concurrent appends never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        audit.record({ actor: 'master', action: 'race', target: `${index}` }),
      ),
    );
    const verdict = await audit.verify();
    assert.deepEqual(verdict, { ok: true, rows: 13, problems: [] });
  });

  it('detects an edited row', async () => {
    await store.db
      .updateTable('audit_log')
      .set({ detail: '{"name":"app-3","team":"ads"}' })
      .where('seq', '=', 3)
      .execute();
    const verdict = await audit.verify();
    assert.equal(verdict.ok, false);
    assert.deepEqual(
      verdict.problems.map((problem) => [problem.seq, problem.kind]),
      [[3, 'edited']],
    );
  });

  it('detects an edited row whose hash was recomputed, at the next link', async () => {
    const { rowHash } = await import('./audit.js');
    const row = (await audit.list({ limit: 10 })).find((candidate) => candidate.seq === 2);
    assert.ok(row);
    const forged = { ...row, actor: 'someone-else' };
    await store.db
      .updateTable('audit_log')
      .set({ actor: forged.actor, hash: rowHash(forged) })
      .where('seq', '=', 2)
      .execute();
    const verdict = await audit.verify();
    assert.deepEqual(
      verdict.problems.map((problem) => [problem.seq, problem.kind]),
      [[3, 'edited']],
    );
  });

  it('detects a deleted row', async () => {
    await store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    const verdict = await audit.verify();
    assert.equal(verdict.rows, 4);
    assert.deepEqual(
      verdict.problems.map((problem) => [problem.seq, problem.kind]),
      [[4, 'deleted']],
    );
  });

  it('detects deleted newest rows through the recorded head', async () => {
    await store.db.deleteFrom('audit_log').where('seq', '>=', 4).execute();
    const verdict = await audit.verify();
    assert.deepEqual(
      verdict.problems.map((problem) => [problem.seq, problem.kind]),
      [[5, 'truncated']],
    );
  });

  it('detects reordered rows', async () => {
    // Swap the positions of rows 2 and 3 (through a free position, as the key is unique).
    await store.db.updateTable('audit_log').set({ seq: 100 }).where('seq', '=', 2).execute();
    await store.db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
    await store.db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 100).execute();
    const verdict = await audit.verify();
    assert.equal(verdict.ok, false);
    assert.ok(
      verdict.problems.some((problem) => problem.kind === 'reordered'),
      JSON.stringify(verdict.problems),
    );
  });

  it('exports every row as one JSON object per line, in chain order', async () => {
    const lines: string[] = [];
    for await (const line of audit.exportLines()) lines.push(line);
    assert.equal(lines.length, 5);
    const first = JSON.parse(lines[0] ?? '') as { seq: number; detail: { name: string }; prev_hash: string };
    assert.equal(first.seq, 1);
    assert.equal(first.detail.name, 'app-1');
    assert.equal(first.prev_hash, genesisHash);
  });
});
