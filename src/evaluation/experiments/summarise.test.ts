import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGates } from './gates.js';
import type { ItemResult } from './run-experiment.js';
import { bootstrapInterval, compare } from './summarise.js';

const result = (key: string, variant: string, score: number): ItemResult => ({
  key,
  variant,
  requestId: null,
  output: '',
  score,
  pass: score >= 1,
  costUsd: 0,
  latencyMs: 1,
  assertions: [{ type: 'equals', metric: 'exact', score, pass: score >= 1, reason: '' }],
  error: null,
});

test('the bootstrap interval is seeded, brackets the mean and is a point for constant differences', () => {
  const differences = [0.1, 0.4, -0.2, 0.3, 0.5, 0.0, 0.2, 0.6];
  const [low, high] = bootstrapInterval(differences);
  assert.deepEqual(bootstrapInterval(differences), [low, high]);
  assert.ok(low < 0.2375 && high > 0.2375 && low > -0.2 && high < 0.6, `${low} ${high}`);
  assert.deepEqual(bootstrapInterval([0.5, 0.5, 0.5]), [0.5, 0.5]);
});

test('the paired comparison counts wins and losses on the cases both variants ran', () => {
  const byVariant = new Map([
    ['a', [result('1', 'a', 1), result('2', 'a', 0), result('3', 'a', 1)]],
    ['b', [result('1', 'b', 1), result('2', 'b', 1), result('4', 'b', 0)]],
  ]);
  const comparison = compare('a', 'b', byVariant);
  assert.equal(comparison.pairs, 2);
  assert.equal(comparison.meanDifference, 0.5);
  assert.deepEqual([comparison.wins, comparison.losses, comparison.ties], [1, 0, 1]);
});

test('gates check the pass rate and each metric of the gated variants only', () => {
  const variant = (label: string, passRate: number, metric: number) => ({
    label,
    model: 'm',
    prompt: null,
    items: 10,
    passed: passRate * 10,
    passRate,
    meanScore: passRate,
    errors: 0,
    costUsd: 0,
    unpriced: 0,
    meanCostUsd: 0,
    latencyMs: { mean: 1, p50: 1, p95: 1 },
    metrics: { exact: { passed: metric * 10, total: 10, passRate: metric, meanScore: metric } },
  });
  const summary = {
    variants: [variant('base', 0.5, 0.5), variant('new', 0.9, 0.7)],
    comparisons: [],
    differences: [],
    costUsd: 0,
  };
  assert.deepEqual(checkGates(summary, { metrics: {} }, { failUnder: 0.8 }).failures, [
    'base: pass rate 50.0% is below 80.0%',
  ]);
  assert.deepEqual(
    checkGates(summary, { pass_rate: 0.8, metrics: { exact: 0.8 }, variants: ['new'] }).failures,
    ['new: exact passes 70.0%, below 80.0%'],
  );
  assert.equal(checkGates(summary, { metrics: {}, variants: ['new'] }, { failUnder: 0.85 }).passed, true);
});
