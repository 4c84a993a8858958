import { type Random, seededRandom } from '../core/random.js';

/** The standard normal CDF (Abramowitz & Stegun 26.2.17; absolute error below 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  const tail =
    density *
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('a probability strictly between 0 and 1');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((sum, coefficient) => sum * x + coefficient, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** A two-proportion z-test of `b` against `a` (pooled variance), two-sided. */
export interface ProportionTest {
  difference: number;
  z: number | null;
  p_value: number | null;
}

/** Compares two success counts; null statistics when either arm is empty or the pooled rate is 0 or 1. */
export function twoProportionTest(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
): ProportionTest {
  if (a.n === 0 || b.n === 0) return { difference: 0, z: null, p_value: null };
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return { difference: pb - pa, z: null, p_value: null };
  const z = (pb - pa) / se;
  return { difference: pb - pa, z, p_value: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Outcomes needed per arm to detect a change of the success rate from `baseline` by `effect`
 * (absolute) with a two-sided test at `alpha` and the given power.
 */
export function sampleSizePerArm(input: {
  baseline: number;
  effect: number;
  alpha?: number;
  power?: number;
}): number {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const p1 = input.baseline;
  const p2 = Math.min(Math.max(p1 + input.effect, 0.0001), 0.9999);
  const mean = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const top = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((top * top) / ((p2 - p1) * (p2 - p1)));
}

/** A percentile interval. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * A percentile bootstrap interval of a statistic over `items`, resampled with replacement `samples`
 * times from a seeded stream, so the same data always gives the same interval. Null when the statistic
 * is undefined on every resample or there is nothing to resample.
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: { samples?: number; level?: number; seed?: number; random?: Random } = {},
): Interval | null {
  if (items.length === 0) return null;
  const random = options.random ?? seededRandom(options.seed ?? 1);
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  const values: number[] = [];
  const sample = new Array<T>(items.length);
  for (let round = 0; round < samples; round++) {
    for (let index = 0; index < items.length; index++)
      sample[index] = items[Math.floor(random() * items.length)] as T;
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] ?? 0;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}
