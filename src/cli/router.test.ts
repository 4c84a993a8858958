import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeOutcomesFile } from '../models/replay/testing/outcomes-file.js';
import { strata } from './testing/run-cli.js';

const line = (id: string, split: string, prompt: string, small: number) => ({
  id,
  split,
  task: 't',
  prompt,
  scores: { small, big: 1 },
  cost_usd: { small: 0.001, big: 0.01 },
  cost_kind: 'recorded',
});

test('strata router trains into the store, lists and evaluates, and refuses the ledger until it exists', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-router-cli-'));
  const file = await writeOutcomesFile([
    line('a', 'train', 'prove the theorem on primes', 0),
    line('b', 'train', 'prove the lemma on graphs', 0),
    line('c', 'train', 'translate hello to french', 1),
    line('d', 'train', 'translate thanks to german', 1),
    line('e', 'test', 'prove the theorem by induction', 0),
    line('f', 'test', 'translate goodbye to french', 1),
  ]);
  t.after(async () => {
    await file.remove();
    await rm(home, { recursive: true, force: true });
  });
  const env = { STRATA_HOME: home };
  const trained = await strata(
    ['router', 'train', '--data', file.path, '--name', 'tiny', '--k', '2', '--json'],
    env,
  );
  assert.equal(trained.code, 0, trained.stderr);
  assert.deepEqual(JSON.parse(trained.stdout).models, ['big', 'small']);
  const listed = await strata(['router', 'list'], env);
  assert.match(listed.stdout, /^tiny\tknn\t4 rows/);
  const evaluated = await strata(['router', 'eval', '--name', 'tiny', '--data', file.path, '--json'], env);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const rows = JSON.parse(evaluated.stdout).lambdas as Array<{ lambda: number; accuracy: number }>;
  assert.equal(rows.find((row) => row.lambda === 0)?.accuracy, 1);
  assert.equal(rows.find((row) => row.lambda === 100)?.accuracy, 0.5);
  const missing = await strata(['router', 'eval', '--name', 'nope', '--data', file.path], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no router `nope`/);
  const ledger = await strata(['router', 'train', '--name', 'x', '--from-ledger'], env);
  assert.equal(ledger.code, 1);
  assert.match(ledger.stderr, /needs the outcomes table/);
});
