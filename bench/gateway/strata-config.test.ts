import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { readEnvironment } from '../../src/config/env.js';
import { parseConfig } from '../../src/config/load.js';
import { observabilityParts, raceTargetNames } from './report.js';
import { type StrataProfile, strataConfig } from './strata-server.js';

function observabilityOf(profile: StrataProfile) {
  const parsed = parseConfig(parseYaml(strataConfig(profile, 9)), readEnvironment({}));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.issues.join('; '));
  const { traces, metrics, logs } = parsed.value.observability;
  return { traces, metrics, logs };
}

test('each part profile is the full config with exactly that observability part off', () => {
  assert.deepEqual(observabilityOf('full'), { traces: true, metrics: true, logs: 'json' });
  assert.deepEqual(observabilityOf('full_unobserved'), { traces: false, metrics: false, logs: 'off' });
  assert.deepEqual(observabilityOf('full_no_traces'), { traces: false, metrics: true, logs: 'json' });
  assert.deepEqual(observabilityOf('full_no_metrics'), { traces: true, metrics: false, logs: 'json' });
  assert.deepEqual(observabilityOf('full_no_logs'), { traces: true, metrics: true, logs: 'off' });
  const withoutObservability = (profile: StrataProfile) =>
    strataConfig(profile, 9).split('\nobservability:')[0]?.trimEnd();
  for (const profile of ['full_no_traces', 'full_no_metrics', 'full_no_logs'] as const)
    assert.equal(withoutObservability(profile), withoutObservability('full'), profile);
});

test('the race leaves the part targets out unless they are asked for', () => {
  for (const name of Object.values(observabilityParts)) assert.ok(!raceTargetNames.includes(name), name);
  assert.ok(raceTargetNames.includes('strata_full_unobserved'));
});
