import type { EvalConfig } from './eval-config.js';
import type { ExperimentSummary } from './summarise.js';

/** The verdict of a run's gates: each failure says which variant fell below what. */
export interface GateVerdict {
  passed: boolean;
  failures: string[];
}

/**
 * Checks the gated variants' pass rates against `--fail-under` (or `thresholds.pass_rate`) and each
 * metric's pass rate against `thresholds.metrics`. A stopped run (budget, cancel) fails its gates too:
 * a gate cannot pass on cases that were never run.
 */
export function checkGates(
  summary: ExperimentSummary,
  thresholds: EvalConfig['thresholds'],
  options: { failUnder?: number | undefined; stopReason?: string | undefined } = {},
): GateVerdict {
  const failures: string[] = [];
  if (options.stopReason !== undefined) failures.push(`the run stopped early: ${options.stopReason}`);
  const passRate = options.failUnder ?? thresholds.pass_rate;
  const gated = summary.variants.filter(
    (variant) => thresholds.variants === undefined || thresholds.variants.includes(variant.label),
  );
  for (const variant of gated) {
    if (passRate !== undefined && variant.passRate < passRate)
      failures.push(`${variant.label}: pass rate ${percent(variant.passRate)} is below ${percent(passRate)}`);
    for (const [metric, wanted] of Object.entries(thresholds.metrics)) {
      const found = variant.metrics[metric];
      if (found === undefined) failures.push(`${variant.label}: no assertion has the metric ${metric}`);
      else if (found.passRate < wanted)
        failures.push(
          `${variant.label}: ${metric} passes ${percent(found.passRate)}, below ${percent(wanted)}`,
        );
    }
  }
  return { passed: failures.length === 0, failures };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
