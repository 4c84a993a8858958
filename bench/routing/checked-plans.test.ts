import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import { type CheckedPlan, checkedPlans, checkedRoutes, planOutcome, withPlans } from './checked-plans.js';

function query(small: string, mate: string): RecordedQuery {
  return {
    id: `q-${small}-${mate}`,
    split: 'train',
    task: 'quiz',
    prompt: 'Which planet is largest?',
    costKind: 'recorded',
    outcomes: new Map([
      ['small', { score: small === 'B' ? 1 : 0, costUsd: 0.001, response: small }],
      ['mate', { score: mate === 'B' ? 1 : 0, costUsd: 0.002, response: `The answer is ${mate}.` }],
      ['big', { score: 1, costUsd: 0.01, response: 'B' }],
    ]),
  };
}

const [first, second] = checkedPlans(['small', 'mate'], 'big') as [CheckedPlan, CheckedPlan];

test('a checked cascade pays for the check, and for the strong model only when the pair disagrees', () => {
  assert.deepEqual(planOutcome(query('A', 'A'), first), { score: 0, costUsd: 0.003 });
  const disagreeing = planOutcome(query('A', 'B'), first);
  assert.equal(disagreeing?.score, 1);
  assert.ok(Math.abs((disagreeing?.costUsd ?? 0) - 0.013) < 1e-12);
  assert.equal(planOutcome(query('B', 'B'), second)?.score, 1, 'the second plan answers with its own first');
});

test('training examples gain one column per plan, and the plans become cascade routes of the pair', () => {
  const example = withPlans(query('B', 'B'), [first, second]);
  assert.deepEqual(Object.keys(example.scores), ['small', 'mate', 'big', 'checked-1', 'checked-2']);
  assert.equal(example.costs['checked-2'], 0.003);
  assert.deepEqual(checkedRoutes([first]), {
    'checked-1': {
      cascade: [
        {
          use: 'replay/small',
          verifiers: [{ type: 'self_consistency', models: ['replay/mate'], threshold: 1 }],
        },
        { use: 'replay/big' },
      ],
    },
  });
});
