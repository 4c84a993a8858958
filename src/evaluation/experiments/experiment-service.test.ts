import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEnvironment } from '../../config/env.js';
import { parseConfig } from '../../config/load.js';
import { writeOutcomesFile } from '../../models/replay/testing/outcomes-file.js';
import { createStack, type Stack } from '../../pipeline/stack.js';
import { evaluationServices } from '../evaluation-services.js';
import { evalConfigSchema } from './eval-config.js';

const question = 'Which planet is largest?\nA) Mars\nB) Jupiter\nAnswer:';

async function replayStack(t: { after(fn: () => Promise<void>): void }): Promise<Stack> {
  const outcomes = await writeOutcomesFile();
  const home = await mkdtemp(join(tmpdir(), 'strata-experiments-'));
  const environment = readEnvironment({ STRATA_HOME: home });
  const parsed = parseConfig({ providers: { replay: { kind: 'replay', data: outcomes.path } } }, environment);
  assert.ok(parsed.ok);
  const stack = await createStack(parsed.value, environment);
  t.after(async () => {
    await stack.close();
    await outcomes.remove();
    await rm(home, { recursive: true, force: true });
  });
  return stack;
}

test('an experiment runs a stored dataset version with a managed prompt, and records both', async (t) => {
  const stack = await replayStack(t);
  const { experiments, datasets } = evaluationServices(stack);
  await datasets.create('planets');
  await datasets.put('planets', [
    { key: 'largest', input: [], expected: 'Jupiter', metadata: { vars: { q: question } } },
  ]);
  await datasets.put('planets', [
    { key: 'largest', input: [], expected: 'Saturn', metadata: { vars: { q: question } } },
  ]);
  await stack.evaluation.prompts.create({
    name: 'mcq',
    messages: [{ role: 'user', content: '{{q}}' }],
    settings: { temperature: 0 },
    note: '',
    labels: ['production'],
  });
  const config = evalConfigSchema.parse({
    prompts: [{ prompt: 'mcq', label: 'production' }],
    providers: [{ id: 'replay/big/model-v2', label: 'big' }, 'replay/small-model'],
    dataset: 'planets@1',
    defaultTest: { assert: [{ type: 'icontains' }] },
  });
  const report = await experiments.run(config, { name: 'planets v1' });
  assert.deepEqual(report.dataset, { name: 'planets', version: 1 });
  assert.deepEqual(
    report.run.results.map((result) => [result.variant, result.pass, result.costUsd]),
    [
      ['big', true, 0.004],
      ['replay/small-model', false, 0.0001],
    ],
  );
  await stack.flush();
  const row = await stack.requestLog.get(report.run.results[0]?.requestId ?? '');
  assert.equal(row?.prompt, 'mcq@1');
  assert.equal(row?.endpoint, 'strata/eval');
  const stored = await experiments.get(report.id);
  assert.equal(stored?.experiment.datasetVersion, 1);
  assert.equal(stored?.experiment.status, 'finished');
  assert.equal(stored?.results.length, 2);
  const [comparison] = report.summary.comparisons;
  assert.equal(comparison?.meanDifference, -1);
});

test('a run stops starting calls at its budget, and its gate fails for the cases it never ran', async (t) => {
  const stack = await replayStack(t);
  const { experiments } = evaluationServices(stack);
  const config = evalConfigSchema.parse({
    providers: ['replay/small-model'],
    tests: Array.from({ length: 5 }, () => ({ vars: { input: question } })),
    concurrency: 1,
    budget_usd: 0.00025,
  });
  const report = await experiments.run(config);
  assert.equal(report.run.status, 'stopped');
  assert.equal(report.run.results.length, 3);
  assert.ok(Math.abs(report.run.spentUsd - 0.0003) < 1e-12);
  assert.equal(report.gate.passed, false);
  assert.match(report.gate.failures[0] ?? '', /reached its budget of \$0\.00025/);
  assert.equal((await experiments.get(report.id))?.experiment.status, 'stopped');
});
