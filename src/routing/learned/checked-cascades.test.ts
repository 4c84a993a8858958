import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedQuery } from '../../models/replay/outcomes.js';
import { cascadeOutcome, parseCheckedCascade, withCascades } from './checked-cascades.js';
import type { CheckedCascade } from './learned-router.js';

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

const first: CheckedCascade = { name: 'checked', first: 'small', partner: 'mate', escalate: 'big' };
const second: CheckedCascade = { name: 'swapped', first: 'mate', partner: 'small', escalate: 'big' };

test('a checked cascade pays for the check, and for the strong model only when the pair disagrees', () => {
  assert.deepEqual(cascadeOutcome(query('A', 'A'), first), { score: 0, costUsd: 0.003 });
  const disagreeing = cascadeOutcome(query('A', 'B'), first);
  assert.equal(disagreeing?.score, 1);
  assert.ok(Math.abs((disagreeing?.costUsd ?? 0) - 0.013) < 1e-12);
  assert.equal(cascadeOutcome(query('B', 'B'), second)?.score, 1, 'the second answers with its own first');
  assert.equal(cascadeOutcome(query('A', 'A'), { ...first, escalate: 'nobody' }), undefined);
});

test('training examples gain one column per cascade, named as on the command line', () => {
  const example = withCascades(query('B', 'B'), [first, second]);
  assert.deepEqual(Object.keys(example.scores), ['small', 'mate', 'big', 'checked', 'swapped']);
  assert.equal(example.costs.swapped, 0.003);
  assert.deepEqual(parseCheckedCascade('checked=small,mate,big'), first);
  assert.equal(parseCheckedCascade('checked=small,big'), undefined);
});
