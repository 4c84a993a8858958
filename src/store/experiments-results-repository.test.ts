import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createExperimentResultsRepository } from './experiments-results-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('experiment results repository', (context) => {
  it('records a run, its per-item results and its summary', async () => {
    const store = await context.open();
    const experiments = createExperimentResultsRepository(store.db);
    await experiments.start({
      id: 'exp_1',
      name: 'capitals',
      dataset: 'capitals',
      datasetVersion: 3,
      config: { a: 1 },
    });
    assert.equal((await experiments.get('exp_1'))?.status, 'running');
    const result = {
      experimentId: 'exp_1',
      itemKey: 'fr',
      requestId: 'req_1',
      output: 'Paris',
      score: 1,
      pass: true,
      costUsd: 0.0001,
      latencyMs: 12.5,
      assertions: [{ type: 'icontains', pass: true }],
      error: null,
    };
    await experiments.addResults([
      { ...result, id: 'r1', variant: 'small' },
      {
        ...result,
        id: 'r2',
        variant: 'big',
        output: 'Lyon',
        score: 0,
        pass: false,
        costUsd: null,
        error: 'x',
      },
    ]);
    await experiments.finish('exp_1', { status: 'finished', summary: { passRate: 0.5 }, costUsd: 0.0001 });
    const stored = await experiments.get('exp_1');
    assert.equal(stored?.status, 'finished');
    assert.deepEqual(stored?.summary, { passRate: 0.5 });
    assert.deepEqual(stored?.config, { a: 1 });
    assert.equal(stored?.datasetVersion, 3);
    assert.ok(stored?.finishedAt);
    const results = await experiments.results('exp_1');
    assert.deepEqual(
      results.map((row) => [row.variant, row.pass, row.costUsd, row.latencyMs, row.error]),
      [
        ['big', false, null, 12.5, 'x'],
        ['small', true, 0.0001, 12.5, null],
      ],
    );
    assert.deepEqual(results[1]?.assertions, [{ type: 'icontains', pass: true }]);
    assert.deepEqual(
      (await experiments.list(10)).map((row) => row.id),
      ['exp_1'],
    );
  });
});
