import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openJournal, replayWriteAheadFiles } from './write-ahead-file.js';

type Row = { id: number };

/** Replays `root`, collecting each kind's rows. */
async function replay(root: string): Promise<{ count: number; rows: Record<string, number[]> }> {
  const rows: Record<string, number[]> = { log: [], ledger: [] };
  const collect = (kind: string) => (batch: Row[]) => {
    rows[kind]?.push(...batch.map((row) => row.id));
  };
  const count = await replayWriteAheadFiles(root, { log: collect('log'), ledger: collect('ledger') });
  return { count, rows };
}

describe('write-ahead files', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'strata-journal-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('a stopped process leaves only the rows not yet released; a torn last line is skipped', async () => {
    // A folder named for a process id no process has: a process that stopped.
    const folder = join(root, '2147483647-stopped');
    const file = openJournal(folder, 'rows').of<Row>('log');
    file.append({ id: 1 });
    file.append({ id: 2 });
    const stored = file.seal();
    file.append({ id: 3 });
    file.release(stored);
    file.append({ id: 4 });
    file.seal();
    await appendFile(join(folder, 'rows.1.jsonl'), 'log\t{"id":');
    assert.deepEqual(await replay(root), { count: 2, rows: { log: [3, 4], ledger: [] } });
    assert.deepEqual(await readdir(root), [], 'replayed files and their folder are gone');
  });

  it("writes a stretch of appends at once, before a later continuation, and keeps a segment while any kind's rows in it wait", async () => {
    const folder = join(root, '2147483646-stopped');
    const journal = openJournal(folder, 'rows');
    const log = journal.of<Row>('log');
    const ledger = journal.of<Row>('ledger');
    log.append({ id: 1 });
    ledger.append({ id: 10 });
    assert.equal(existsSync(join(folder, 'rows.0.jsonl')), false, 'nothing written on the caller’s tick');
    await Promise.resolve();
    assert.equal(readFileSync(join(folder, 'rows.0.jsonl'), 'utf8'), 'log\t{"id":1}\nledger\t{"id":10}\n');

    // The log's flush stores its row; the ledger's row in the same segment still waits.
    log.release(log.seal());
    assert.equal(existsSync(join(folder, 'rows.0.jsonl')), true);
    ledger.append({ id: 11 });
    ledger.release(ledger.seal());
    assert.deepEqual(await readdir(folder), [], 'both kinds stored: every segment gone');

    log.append({ id: 2 });
    ledger.append({ id: 12 });
    ledger.release(ledger.seal());
    // The segment stays for the log's row, so the ledger's stored row replays too (inserts skip it).
    assert.deepEqual(await replay(root), { count: 2, rows: { log: [2], ledger: [12] } });
  });

  it('replays the one-kind files of earlier versions', async () => {
    const folder = join(root, '2147483645-stopped');
    await mkdir(folder);
    await writeFile(join(folder, 'log.0.jsonl'), '{"id":5}\n{"id":6}\n');
    await writeFile(join(folder, 'ledger.0.jsonl'), '{"id":50}\n');
    assert.deepEqual(await replay(root), { count: 3, rows: { log: [5, 6], ledger: [50] } });
  });

  it('leaves a live process alone', async () => {
    const folder = join(root, `${process.ppid}-live`);
    openJournal(folder, 'rows').of<Row>('log').append({ id: 1 });
    await Promise.resolve();
    const count = await replayWriteAheadFiles(root, {
      log: () => {
        throw new Error('a live process’s rows are its own to write');
      },
    });
    assert.equal(count, 0);
    assert.deepEqual(await readdir(folder), ['rows.0.jsonl']);
  });
});
