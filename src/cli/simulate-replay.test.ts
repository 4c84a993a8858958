import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadBenchDataset } from '../../bench/routing/dataset.js';
import { replayForecast } from '../value/replay-forecast.js';

const outcomes = fileURLToPath(new URL('../../../src/value/__fixtures__/outcomes.jsonl', import.meta.url));
const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

test('the simulator replays a routing dataset through the pipeline and matches the routing bench within 1%', async (t) => {
  const bench = await loadBenchDataset(outcomes, 'train', 'test');
  const expected = bench.stats(bench.test);
  const measures = await replayForecast({
    data: outcomes,
    split: 'test',
    candidates: ['small-model', 'big-model'],
  });
  for (const measure of measures) {
    const stats = expected.get(measure.candidate);
    assert.ok(stats, measure.candidate);
    assert.equal(measure.queries, bench.test.length, 'the same complete queries');
    assert.ok(
      Math.abs(measure.success_rate - stats.accuracy) <= 0.01 * stats.accuracy,
      `${measure.candidate} accuracy`,
    );
    assert.ok(
      Math.abs(measure.cost_per_request_usd - stats.cost) <= 0.01 * stats.cost,
      `${measure.candidate} cost ${measure.cost_per_request_usd} vs ${stats.cost}`,
    );
  }

  const home = await mkdtemp(join(tmpdir(), 'strata-cli-simulate-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const businessCase = join(home, 'case.json');
  await writeFile(
    businessCase,
    JSON.stringify({
      daily_volume: 100,
      candidates: [{ model: 'small-model', success_rate: 0.5 }],
      value_per_success_usd: 1,
      human_cost_per_task_usd: 3,
    }),
  );
  const { stdout } = await run(
    process.execPath,
    [mainScript, 'simulate', '--file', businessCase, '--replay', outcomes, '--split', 'test', '--json'],
    { env: { PATH: process.env.PATH ?? '', STRATA_HOME: home } },
  );
  const simulation = JSON.parse(stdout) as {
    assumptions: string[];
    candidates: Array<{ monthly_cost_usd: number; monthly_successes: number }>;
  };
  const small = expected.get('small-model');
  assert.ok(small);
  const monthly = 100 * 30;
  assert.ok(
    Math.abs((simulation.candidates[0]?.monthly_cost_usd ?? 0) - monthly * small.cost) <=
      0.01 * monthly * small.cost,
  );
  assert.ok(
    Math.abs((simulation.candidates[0]?.monthly_successes ?? 0) - monthly * small.accuracy) <=
      0.01 * monthly * small.accuracy,
  );
  assert.match(simulation.assumptions[0] ?? '', /measured by replaying \d+ recorded queries/);
});
