import { seededRandom } from '../../core/random.js';
import type { EvalCase, Variant } from './plan.js';
import type { ItemResult } from './run-experiment.js';

/** One metric's share of passing checks within a variant. */
export interface MetricSummary {
  passed: number;
  total: number;
  passRate: number;
  meanScore: number;
}

/** A variant's aggregates over the cases it ran. */
export interface VariantSummary {
  label: string;
  model: string;
  prompt: string | null;
  items: number;
  passed: number;
  passRate: number;
  meanScore: number;
  errors: number;
  /** Total over priced calls (USD); `unpriced` counts calls whose price is unknown. */
  costUsd: number;
  unpriced: number;
  meanCostUsd: number | null;
  latencyMs: { mean: number; p50: number; p95: number };
  metrics: Record<string, MetricSummary>;
}

/** A candidate variant against the baseline on the cases both ran: the mean score difference with a CI. */
export interface Comparison {
  baseline: string;
  candidate: string;
  pairs: number;
  /** Candidate minus baseline, in score units. */
  meanDifference: number;
  /** The 95% percentile bootstrap interval of the mean difference. */
  interval: [number, number];
  wins: number;
  losses: number;
  ties: number;
  /** True when the interval excludes 0. */
  significant: boolean;
}

/** A case whose verdict differs between variants, with each variant's answer. */
export interface Difference {
  key: string;
  description?: string | undefined;
  answers: Record<string, { output: string; pass: boolean; score: number }>;
}

/** Everything a report shows about a run. */
export interface ExperimentSummary {
  variants: VariantSummary[];
  comparisons: Comparison[];
  differences: Difference[];
  costUsd: number;
}

const bootstrapSamples = 2000;

/** Aggregates per variant, each variant compared with the first, and the cases where verdicts differ. */
export function summarise(
  variants: readonly Variant[],
  cases: readonly EvalCase[],
  results: readonly ItemResult[],
  spentUsd: number,
): ExperimentSummary {
  const byVariant = new Map(
    variants.map((variant) => [variant.label, results.filter((result) => result.variant === variant.label)]),
  );
  const summaries = variants.map((variant) => summariseVariant(variant, byVariant.get(variant.label) ?? []));
  const [baseline, ...others] = variants;
  const comparisons = baseline
    ? others.map((candidate) => compare(baseline.label, candidate.label, byVariant))
    : [];
  const differences: Difference[] = [];
  for (const testCase of cases) {
    const own = results.filter((result) => result.key === testCase.key);
    if (own.length < 2 || own.every((result) => result.pass === own[0]?.pass)) continue;
    differences.push({
      key: testCase.key,
      ...(testCase.description !== undefined && { description: testCase.description }),
      answers: Object.fromEntries(
        own.map((result) => [
          result.variant,
          { output: result.output, pass: result.pass, score: result.score },
        ]),
      ),
    });
  }
  return { variants: summaries, comparisons, differences, costUsd: spentUsd };
}

function summariseVariant(variant: Variant, results: readonly ItemResult[]): VariantSummary {
  const priced = results.filter((result) => result.costUsd !== null);
  const costUsd = priced.reduce((total, result) => total + (result.costUsd ?? 0), 0);
  const latencies = results.map((result) => result.latencyMs).sort((a, b) => a - b);
  const metrics: Record<string, MetricSummary> = {};
  for (const result of results) {
    for (const assertion of result.assertions) {
      const metric = metrics[assertion.metric] ?? { passed: 0, total: 0, passRate: 0, meanScore: 0 };
      metrics[assertion.metric] = metric;
      metric.total += 1;
      metric.passed += assertion.pass ? 1 : 0;
      metric.meanScore += assertion.score;
    }
  }
  for (const metric of Object.values(metrics)) {
    metric.passRate = metric.passed / metric.total;
    metric.meanScore /= metric.total;
  }
  const passed = results.filter((result) => result.pass).length;
  return {
    label: variant.label,
    model: variant.model,
    prompt: variant.prompt?.id ?? null,
    items: results.length,
    passed,
    passRate: results.length === 0 ? 0 : passed / results.length,
    meanScore: mean(results.map((result) => result.score)),
    errors: results.filter((result) => result.error !== null).length,
    costUsd,
    unpriced: results.length - priced.length,
    meanCostUsd: priced.length === 0 ? null : costUsd / priced.length,
    latencyMs: { mean: mean(latencies), p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    metrics,
  };
}

/** The paired comparison over the cases both variants ran, with a seeded bootstrap so reruns agree. */
export function compare(
  baseline: string,
  candidate: string,
  byVariant: ReadonlyMap<string, readonly ItemResult[]>,
): Comparison {
  const base = new Map((byVariant.get(baseline) ?? []).map((result) => [result.key, result.score]));
  const differences = (byVariant.get(candidate) ?? []).flatMap((result) => {
    const other = base.get(result.key);
    return other === undefined ? [] : [result.score - other];
  });
  const interval = bootstrapInterval(differences);
  return {
    baseline,
    candidate,
    pairs: differences.length,
    meanDifference: mean(differences),
    interval,
    wins: differences.filter((difference) => difference > 0).length,
    losses: differences.filter((difference) => difference < 0).length,
    ties: differences.filter((difference) => difference === 0).length,
    significant: differences.length > 0 && (interval[0] > 0 || interval[1] < 0),
  };
}

/** The 2.5th and 97.5th percentiles of resampled means. */
export function bootstrapInterval(values: readonly number[], seed = 1): [number, number] {
  if (values.length === 0) return [0, 0];
  const random = seededRandom(seed);
  const means: number[] = [];
  for (let sample = 0; sample < bootstrapSamples; sample++) {
    let total = 0;
    for (let draw = 0; draw < values.length; draw++)
      total += values[Math.floor(random() * values.length)] ?? 0;
    means.push(total / values.length);
  }
  means.sort((a, b) => a - b);
  return [quantile(means, 0.025), quantile(means, 0.975)];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
}

function quantile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}
