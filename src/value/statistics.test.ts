import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignArm } from './assign.js';
import {
  bootstrapInterval,
  normalCdf,
  normalQuantile,
  sampleSizePerArm,
  twoProportionTest,
} from './statistics.js';

test('the normal CDF and quantile agree with published tables', () => {
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.8) - 0.841621) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232) < 1e-6);
});

test('a two-proportion z-test: 50/100 against 65/100 is p ≈ 0.032', () => {
  const result = twoProportionTest({ successes: 50, n: 100 }, { successes: 65, n: 100 });
  assert.ok(Math.abs((result.z ?? 0) - 2.1456) < 1e-3, String(result.z));
  assert.ok(Math.abs((result.p_value ?? 0) - 0.0319) < 5e-4, String(result.p_value));
  assert.deepEqual(twoProportionTest({ successes: 0, n: 0 }, { successes: 1, n: 2 }).p_value, null);
  assert.equal(twoProportionTest({ successes: 5, n: 5 }, { successes: 5, n: 5 }).p_value, null);
});

test('the sample size of 50% → 60% at α 0.05 and power 0.8 is 388 per arm (Fleiss, no correction)', () => {
  assert.equal(sampleSizePerArm({ baseline: 0.5, effect: 0.1 }), 388);
  assert.ok(
    sampleSizePerArm({ baseline: 0.5, effect: 0.05 }) > 4 * 388 - 50,
    'half the effect, about four times the size',
  );
});

test('a bootstrap interval is reproducible and holds the sample statistic', () => {
  const items = Array.from({ length: 200 }, (_, index) => index % 4 !== 0);
  const rate = (sample: readonly boolean[]) => sample.filter(Boolean).length / sample.length;
  const interval = bootstrapInterval(items, rate, { seed: 3 });
  assert.deepEqual(interval, bootstrapInterval(items, rate, { seed: 3 }));
  assert.ok(interval && interval.low < 0.75 && 0.75 < interval.high && interval.high - interval.low < 0.15);
  assert.equal(bootstrapInterval([], rate), null);
});

test('assignment is sticky, follows the weights and keeps the holdout share', () => {
  const experiment = {
    id: 'exp',
    holdout: 0.2,
    variants: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ],
  };
  const counts = new Map<string, number>();
  for (let index = 0; index < 20_000; index++) {
    const arm = assignArm(experiment, `user-${index}`);
    counts.set(arm.name, (counts.get(arm.name) ?? 0) + 1);
    if (index < 100) assert.equal(assignArm(experiment, `user-${index}`).name, arm.name);
  }
  const share = (name: string) => (counts.get(name) ?? 0) / 20_000;
  assert.ok(Math.abs(share('holdout') - 0.2) < 0.015, `holdout ${share('holdout')}`);
  assert.ok(Math.abs(share('a') - 0.2) < 0.015, `a ${share('a')}`);
  assert.ok(Math.abs(share('b') - 0.6) < 0.015, `b ${share('b')}`);
  const other = { ...experiment, id: 'other' };
  const same = Array.from({ length: 1000 }, (_, index) => `user-${index}`).filter(
    (unit) => assignArm(experiment, unit).name === assignArm(other, unit).name,
  ).length;
  assert.ok(same < 700, 'another experiment splits the same users independently');
});
