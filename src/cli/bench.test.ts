import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strata } from './testing/run-cli.js';

test('a bench whose data is absent says so in one line naming the path', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-bench-cli-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const missing = join(home, 'no-such-dataset');
  for (const [bench, data] of [
    ['grounded', missing],
    ['routing', join(missing, 'outcomes.jsonl')],
    ['retrieval', missing],
    ['guardrails', missing],
  ] as const) {
    const result = await strata(['bench', bench, '--data', data], { STRATA_HOME: home });
    assert.equal(result.code, 1, bench);
    assert.equal(result.stderr.trim().split('\n').length, 1, `${bench}: ${result.stderr}`);
    assert.ok(result.stderr.includes(missing), `${bench} names the path: ${result.stderr}`);
  }
});

test('each bench prints only its own usage, and the gateway bench lists --rounds and --warmup', async () => {
  const usages = new Map<string, string>();
  for (const bench of ['gateway', 'retrieval', 'grounded', 'routing', 'guardrails']) {
    const result = await strata(['bench', bench, '--help'], {});
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.match(/Usage:/g)?.length, 1, `${bench}: ${result.stdout}`);
    assert.match(result.stdout, new RegExp(`^Usage: strata bench ${bench} `));
    usages.set(bench, result.stdout);
  }
  assert.match(usages.get('gateway') ?? '', /--rounds/);
  assert.match(usages.get('gateway') ?? '', /--warmup/);
  const overview = await strata(['bench', '--help'], {});
  assert.match(overview.stdout, /gateway\|retrieval\|grounded\|routing\|guardrails/);
});
