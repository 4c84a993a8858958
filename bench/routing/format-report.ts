import type { RoutingBenchReport } from './report.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const dollars = (value: number | null) => (value === null ? '—' : `$${value.toFixed(3)}`);

/** The report as Markdown tables (the README pastes them as they are). */
export function formatRoutingReport(report: RoutingBenchReport): string {
  const lines = [
    `${report.data}: trained on ${report.train_split} (${report.train_queries} queries), measured on ${report.test_split} (${report.test_queries}); cost ${report.cost_kind}`,
    '',
    '| policy | accuracy | $ / 1k queries | escalation | AIQ (family) |',
    '|---|---:|---:|---:|---:|',
    ...report.policies.map(
      (policy) =>
        `| ${policy.name}${policy.oracle ? ' ⚠ oracle bound' : ''} | ${percent(policy.accuracy)} | ${dollars(policy.cost_per_1k)} | ${percent(policy.escalation_rate)} | ${policy.aiq.toFixed(3)} |`,
    ),
    '',
    "| family | AIQ | $ / 1k at the best single model's accuracy |",
    '|---|---:|---:|',
    ...report.families.map(
      (family) =>
        `| ${family.family} | ${family.aiq.toFixed(3)} | ${dollars(family.cost_per_1k_at_best_single_quality)} |`,
    ),
    '',
    `best single model: ${report.best_single.model} ${percent(report.best_single.accuracy)} at ${dollars(report.best_single.cost_per_1k)}; zero-router AIQ ${report.zero_router_aiq.toFixed(3)}`,
    `two models (${report.two_model.weak} / ${report.two_model.strong}), learned router: APGR ${report.two_model.apgr.toFixed(3)}, CPT(50%) ${percent(report.two_model.cpt50)}, CPT(80%) ${percent(report.two_model.cpt80)}`,
    `routing decision overhead (featurise + kNN + choice): p50 ${report.decision_overhead_ms.p50.toFixed(3)} ms, p99 ${report.decision_overhead_ms.p99.toFixed(3)} ms over ${report.decision_overhead_ms.samples} decisions (quietest of ${report.decision_overhead_ms.passes.length} passes; p99 per pass ${report.decision_overhead_ms.passes.map((pass) => pass.p99.toFixed(3)).join(' / ')} ms; p99 of each prompt's fastest pass ${report.decision_overhead_ms.p99_of_per_prompt_minimum.toFixed(3)} ms)`,
    `learned router tuned on a ${percent(report.tuning.validation_share)} validation slice of ${report.train_split}: k=${report.tuning.k}, prior=${report.tuning.prior} (validation AIQ ${report.tuning.validation_aiq.toFixed(3)})`,
    `budget calibration (${report.calibration.folds}-fold cross-validation on ${report.train_split}, aiming at ${percent(report.calibration.margin)} of ${dollars(report.calibration.budget_per_1k)}): ${calibrated('λ', report.calibration.lambda, (lambda) => `${lambda}`)}; ${report.skipped_verifiers.some((skip) => skip.verifier === 'self_consistency') ? 'gate and checked cascades: not run (no response texts)' : `${calibrated('gate', report.calibration.gate, (gate) => `cheap λ=${gate.first}, escalate λ=${gate.escalate}`)}; ${calibrated('models and checked cascades λ', report.calibration.plans, (lambda) => `${lambda}`)}`}`,
    `target "≥97% of the strongest's accuracy at ≤30% of its cost": ${report.targets.quality_at_30_percent_cost.met ? `met by ${report.targets.quality_at_30_percent_cost.policy} (${percent(report.targets.quality_at_30_percent_cost.accuracy ?? 0)} at ${dollars(report.targets.quality_at_30_percent_cost.cost_per_1k)})` : 'not met'}`,
    `target "learned AIQ above the zero router": ${report.targets.learned_aiq_beats_zero_router ? 'met' : 'not met'}`,
    ...report.skipped_verifiers.map((skip) => `not run: ${skip.verifier} (${skip.reason})`),
    `${report.pipeline_calls} pipeline calls in ${report.elapsed_seconds.toFixed(1)} s`,
  ];
  return lines.join('\n');
}

function calibrated<T>(
  label: string,
  result: { setting: T; accuracy: number; cost_per_1k: number } | undefined,
  describe: (setting: T) => string,
): string {
  if (result === undefined) return `${label}: nothing fits the budget`;
  return `${label} ${describe(result.setting)} (train cv ${percent(result.accuracy)} at ${dollars(result.cost_per_1k)})`;
}
