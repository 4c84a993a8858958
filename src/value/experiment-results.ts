import type { Experiment } from './experiments.js';
import { bootstrapInterval, type Interval, type ProportionTest, twoProportionTest } from './statistics.js';
import type { ValueJoin } from './value-join.js';

/** One arm's results: its traffic, cost, latency and outcomes, with bootstrap intervals. */
export interface VariantResult {
  variant: string;
  requests: number;
  cost_usd: number;
  mean_latency_ms: number | null;
  p95_latency_ms: number | null;
  /** Distinct outcomes attached to the arm's requests: the trials of the success rate. */
  outcomes: number;
  successes: number;
  success_rate: number | null;
  success_rate_interval: Interval | null;
  /** Cost of the requests outcomes were attached to, per success. */
  cpso_usd: number | null;
  cpso_interval: Interval | null;
  value_usd: number;
  /** Against the control (the first variant); absent on the control itself. */
  versus_control?: ProportionTest & { significant: boolean | null };
}

/** An experiment's results with its fixed horizon and what may be concluded now. */
export interface ExperimentResults {
  id: string;
  target: string;
  status: string;
  horizon: number;
  /** True once every variant has `horizon` outcomes: only then is a difference read. */
  complete: boolean;
  alpha: number;
  variants: VariantResult[];
  conclusion: string;
}

interface Trial {
  success: boolean;
  cost: number;
}

function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}

const rateOf = (trials: readonly Trial[]) =>
  trials.length === 0 ? null : trials.filter((trial) => trial.success).length / trials.length;

function cpsoOf(trials: readonly Trial[]): number | null {
  let cost = 0;
  let successes = 0;
  for (const trial of trials) {
    cost += trial.cost;
    if (trial.success) successes += 1;
  }
  return successes === 0 ? null : cost / successes;
}

/**
 * Per-variant results of an experiment from a joined window. The success rate counts outcomes attached
 * to the arm's requests (requests without one are not trials); each variant is tested against the first
 * with a two-proportion z-test, and a difference is called only at the fixed horizon (no peeking).
 */
export function experimentResults(
  experiment: Experiment,
  join: ValueJoin,
  options: { alpha?: number; samples?: number } = {},
): ExperimentResults {
  const alpha = options.alpha ?? 0.05;
  const arms = [
    ...experiment.variants.map((variant) => variant.name),
    ...(experiment.holdout > 0 ? ['holdout'] : []),
  ];
  const results = arms.map((name): VariantResult & { trials: Trial[] } => {
    const requests = join.requests.filter(
      (joined) => joined.request.experiment === experiment.id && joined.request.variant === name,
    );
    const trials = new Map<string, Trial>();
    for (const joined of requests)
      for (const outcome of joined.outcomes) {
        const trial = trials.get(outcome.id) ?? { success: outcome.success, cost: 0 };
        trial.cost += joined.costUsd;
        trials.set(outcome.id, trial);
      }
    const list = [...trials.values()];
    const latencies = requests.map((joined) => joined.request.latencyMs).sort((a, b) => a - b);
    const successes = list.filter((trial) => trial.success).length;
    const values = new Map(
      requests.flatMap((joined) => joined.outcomes.map((outcome) => [outcome.id, outcome.valueUsd])),
    );
    return {
      variant: name,
      requests: requests.length,
      cost_usd: requests.reduce((sum, joined) => sum + joined.costUsd, 0),
      mean_latency_ms:
        latencies.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / latencies.length,
      p95_latency_ms: percentile(latencies, 0.95),
      outcomes: list.length,
      successes,
      success_rate: rateOf(list),
      success_rate_interval: bootstrapInterval(list, rateOf, { samples: options.samples ?? 1000, seed: 7 }),
      cpso_usd: cpsoOf(list),
      cpso_interval: bootstrapInterval(list, cpsoOf, { samples: options.samples ?? 1000, seed: 11 }),
      value_usd: [...values.values()].reduce((a, b) => a + b, 0),
      trials: list,
    };
  });
  const complete = results
    .filter((result) => result.variant !== 'holdout')
    .every((result) => result.outcomes >= experiment.horizon);
  const control = results[0];
  const variants = results.map(({ trials: _trials, ...result }, index): VariantResult => {
    if (index === 0 || !control) return result;
    const test = twoProportionTest(
      { successes: control.successes, n: control.outcomes },
      { successes: result.successes, n: result.outcomes },
    );
    return {
      ...result,
      versus_control: {
        ...test,
        significant: complete && test.p_value !== null ? test.p_value < alpha : null,
      },
    };
  });
  return {
    id: experiment.id,
    target: experiment.target,
    status: experiment.status,
    horizon: experiment.horizon,
    complete,
    alpha,
    variants,
    conclusion: conclusionOf(experiment, variants, complete, alpha),
  };
}

function conclusionOf(
  experiment: Experiment,
  variants: readonly VariantResult[],
  complete: boolean,
  alpha: number,
) {
  const fewest = Math.min(...variants.filter((v) => v.variant !== 'holdout').map((v) => v.outcomes));
  if (!complete)
    return `Collecting: the smallest variant has ${fewest} of the ${experiment.horizon} outcomes fixed in advance. Interim p-values are shown but not acted on; reading them early inflates false positives.`;
  const control = variants[0];
  const winners = variants.filter((variant) => variant.versus_control?.significant === true);
  if (winners.length === 0)
    return `Complete: no variant's success rate differs from ${control?.variant ?? 'the control'}'s at the ${Math.round((1 - alpha) * 100)}% level.`;
  return `Complete: ${winners
    .map(
      (winner) =>
        `${winner.variant}'s success rate differs from ${control?.variant}'s by ${((winner.versus_control?.difference ?? 0) * 100).toFixed(1)} points (p = ${(winner.versus_control?.p_value ?? 0).toPrecision(2)})`,
    )
    .join('; ')}.`;
}
