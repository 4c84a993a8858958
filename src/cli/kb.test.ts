import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { newProgress } from '../knowledge/ingestion-job.js';
import { progressLine } from './progress-bar.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

test('strata kb creates, ingests with progress lines, searches, lists and deletes', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-kb-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const folder = join(home, 'notes');
  await mkdir(folder);
  await writeFile(join(folder, 'budgets.md'), '# Budgets\n\nA hard budget refuses calls past its limit.');
  await writeFile(join(folder, 'keys.txt'), 'Keys are stored as hashes.');
  await writeFile(join(folder, 'broken.json'), '[1,');
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: join(home, 'state') };
  const strata = (...args: string[]) =>
    run(process.execPath, [mainScript, 'kb', ...args], { env, cwd: home });

  assert.match(
    (await strata('create', 'notes', '--description', 'My notes')).stdout,
    /Created knowledge base notes/,
  );
  const ingested = await strata('ingest', 'notes', folder);
  assert.match(ingested.stdout, /skipped .*broken\.json: invalid JSON/);
  assert.match(
    ingested.stdout,
    /Ingested 3 of 3 files into notes: 2 new, 0 updated, 0 unchanged, 0 removed, 1 failed\./,
  );
  // Not a terminal: one plain progress line per finished file, no bar.
  assert.deepEqual(
    ingested.stderr
      .trim()
      .split('\n')
      .map((line) => line.split('  ')[0]),
    ['1/3 files', '2/3 files', '3/3 files'],
  );
  const again = await strata('ingest', 'notes', folder, '--json');
  assert.equal((JSON.parse(again.stdout) as { unchanged: number }).unchanged, 2);

  const found = await strata('search', 'notes', 'hard', 'budget', 'limit', '--top-k', '1');
  assert.match(
    found.stdout,
    /^1\. \d\.\d{3} {2}notes\/budgets\.md#0 {2}notes\/budgets\.md › Budgets\n {3}# Budgets A hard budget/,
  );
  assert.match((await strata('list')).stdout, /^notes {2}2 documents {2}My notes$/m);
  await assert.rejects(strata('search', 'missing', 'x'), (error: { stderr: string }) =>
    /strata: No knowledge base named `missing`/.test(error.stderr),
  );
  assert.match((await strata('delete', 'notes')).stdout, /Deleted knowledge base notes/);
  assert.match((await strata('list')).stdout, /No knowledge bases yet/);
});

test('the progress line draws a bar on a terminal and plain counts elsewhere', () => {
  const progress = { ...newProgress('ing_1', 'docs', 4), done: 1, created: 1 };
  assert.equal(
    progressLine(progress, { bar: true, width: 8 }),
    '[##......]  25%  1/4 files  1 new, 0 updated, 0 unchanged, 0 failed',
  );
  assert.equal(progressLine(progress, { bar: false }), '1/4 files  1 new, 0 updated, 0 unchanged, 0 failed');
});
