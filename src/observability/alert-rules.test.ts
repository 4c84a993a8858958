import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { alertRulesFile, alertRulesTestFile, metricsReadBy } from './testing/rule-metrics.js';

/** Runs promtool; undefined when it is not installed. */
function promtool(...args: string[]) {
  const run = spawnSync('promtool', args, { encoding: 'utf8', timeout: 120_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  if (run.error) throw run.error;
  return run;
}

describe('Prometheus alert rules (deploy/prometheus)', () => {
  const installed = promtool('--version') !== undefined;
  if (!installed) {
    const reason =
      "promtool is not installed (Debian's `prometheus` package; scripts/ensure-services.sh installs it)";
    if (process.env.CI) it('promtool is installed', () => assert.fail(reason));
    else it('promtool suites', { skip: reason }, () => {});
    return;
  }

  it('pass `promtool check rules`', () => {
    const run = promtool('check', 'rules', fileURLToPath(alertRulesFile));
    assert.equal(run?.status, 0, `${run?.stdout}${run?.stderr}`);
  });

  it('fire and stay quiet as their unit tests expect (`promtool test rules`)', () => {
    const run = promtool('test', 'rules', fileURLToPath(alertRulesTestFile));
    assert.equal(run?.status, 0, `${run?.stdout}${run?.stderr}`);
  });

  it('read the metrics the issue names', () => {
    assert.deepEqual([...metricsReadBy(alertRulesFile)].sort(), [
      'gen_ai_client_operation_duration_seconds_bucket',
      'strata_breaker_state',
      'strata_budget_utilisation_ratio',
      'strata_cost_usd_total',
      'strata_requests_total',
    ]);
  });
});
