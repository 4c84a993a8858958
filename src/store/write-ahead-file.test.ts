import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openWriteAheadFile, replayWriteAheadFiles } from './write-ahead-file.js';

describe('write-ahead files', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'strata-journal-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('a stopped process leaves only the rows not yet released; a torn last line is skipped', async () => {
    // A folder named for a process id no process has: a process that stopped.
    const folder = join(root, '2147483647-stopped');
    const file = openWriteAheadFile<{ id: number }>(folder, 'rows');
    file.append({ id: 1 });
    file.append({ id: 2 });
    const stored = file.seal();
    file.append({ id: 3 });
    file.release(stored);
    file.append({ id: 4 });
    file.seal();
    await appendFile(join(folder, 'rows.1.jsonl'), '{"id":');
    const replayed: number[] = [];
    const count = await replayWriteAheadFiles<{ id: number }>(root, 'rows', (rows) => {
      replayed.push(...rows.map((row) => row.id));
    });
    assert.equal(count, 2);
    assert.deepEqual(replayed, [3, 4]);
    assert.deepEqual(await readdir(root), [], 'replayed files and their folder are gone');
  });

  it('leaves a live process alone', async () => {
    const folder = join(root, `${process.ppid}-live`);
    openWriteAheadFile<{ id: number }>(folder, 'rows').append({ id: 1 });
    const count = await replayWriteAheadFiles(root, 'rows', () => {
      throw new Error('a live process’s rows are its own to write');
    });
    assert.equal(count, 0);
    assert.deepEqual(await readdir(folder), ['rows.0.jsonl']);
  });
});
