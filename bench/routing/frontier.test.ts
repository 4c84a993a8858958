import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aiq, costAtQuality, gapRecovery, upperHull } from './frontier.js';

// RouterBench test split, single models on the zero-router hull plus two dominated ones (baselines.md).
const singles = [
  { cost: 0.0811e-3, quality: 0.593 },
  { cost: 0.1226e-3, quality: 0.565 },
  { cost: 0.2466e-3, quality: 0.747 },
  { cost: 0.3297e-3, quality: 0.779 },
  { cost: 0.4179e-3, quality: 0.75 },
  { cost: 5.0034e-3, quality: 0.879 },
];

test('the hull drops dominated models and AIQ matches the dataset baseline for the zero router', () => {
  assert.deepEqual(
    upperHull(singles).map((point) => point.quality),
    [0.593, 0.747, 0.779, 0.879],
  );
  assert.ok(Math.abs(aiq(singles, 0.0811e-3, 5.0034e-3) - 0.8093) < 0.001);
});

test('cost at a quality interpolates along the hull', () => {
  const cost = costAtQuality(singles, 0.829) ?? Number.NaN;
  assert.ok(Math.abs(cost - (0.3297e-3 + 0.5 * (5.0034e-3 - 0.3297e-3))) < 1e-9);
  assert.equal(costAtQuality(singles, 0.9), undefined);
});

test('APGR of a random router is one half and CPT follows the straight line', () => {
  const random = [0.25, 0.5, 0.75].map((share) => ({ strongShare: share, quality: 0.5 + 0.4 * share }));
  const result = gapRecovery(random, 0.5, 0.9);
  assert.ok(Math.abs(result.apgr - 0.5) < 1e-9);
  assert.ok(Math.abs(result.cpt50 - 0.5) < 1e-9);
  assert.ok(Math.abs(result.cpt80 - 0.8) < 1e-9);
});
