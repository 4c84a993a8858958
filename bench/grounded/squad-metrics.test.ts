import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abstentionScores, bestOver, exactMatch, normalizeAnswer, tokenF1 } from './squad-metrics.js';

test('normalisation drops case, punctuation, articles and extra spaces', () => {
  assert.equal(normalizeAnswer('  The  Walt-Disney Company! '), 'waltdisney company');
  assert.equal(normalizeAnswer('an apple, a pear'), 'apple pear');
});

test('exact match and F1 agree with hand-computed values', () => {
  assert.equal(exactMatch('the RNA interference pathway', 'RNA interference pathway'), 1);
  assert.equal(exactMatch('RNA interference', 'RNA interference pathway'), 0);
  // prediction {rna, interference} vs gold {rna, interference, pathway}: P 1, R 2/3, F1 0.8
  assert.ok(Math.abs(tokenF1('RNA interference', 'RNA interference pathway') - 0.8) < 1e-12);
  // prediction {in, 1961, as, briefing} vs gold {summer, of, 1961}: 1 common; P 1/4, R 1/3, F1 2/7
  assert.ok(Math.abs(tokenF1('in 1961 as briefing', 'summer of 1961') - 2 / 7) < 1e-12);
  assert.equal(tokenF1('Paris', 'London'), 0);
  assert.equal(tokenF1('the', ''), 1);
  assert.equal(bestOver(tokenF1, 'RNA interference', ['pathway', 'RNA interference']), 1);
  assert.equal(bestOver(exactMatch, 'x', []), 0);
});

test('abstention precision and recall count unanswerable questions as positives', () => {
  const scores = abstentionScores([
    { abstained: true, unanswerable: true },
    { abstained: true, unanswerable: false },
    { abstained: false, unanswerable: true },
    { abstained: true, unanswerable: true },
    { abstained: false, unanswerable: false },
  ]);
  assert.equal(scores.precision, 2 / 3);
  assert.equal(scores.recall, 2 / 3);
});
