import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertRuleSchema } from '../../config/alerts.js';
import type { RequestFilter, RequestTotals } from '../../store/request-queries.js';
import type { BudgetUse } from '../metrics.js';
import { type AlertSources, readRule } from './rule-readings.js';

const now = Date.parse('2026-03-02T12:00:00.000Z');
const hour = 3_600_000;

/** Totals from a function of the filter, recording every filter asked for. */
class ComputedSources implements AlertSources {
  readonly asked: RequestFilter[] = [];
  constructor(private readonly answer: (filter: RequestFilter) => Partial<RequestTotals>) {}
  async totals(filter: RequestFilter): Promise<RequestTotals> {
    this.asked.push(filter);
    return { requests: 0, serverErrors: 0, costUsd: 0, p95LatencyMs: 0, ...this.answer(filter) };
  }
  async budgets(): Promise<BudgetUse[]> {
    return [];
  }
}

/** How many whole hours before `now` a filter's window ends. */
const hoursBack = (filter: RequestFilter) => Math.round((now - Date.parse(filter.to ?? '')) / hour);

describe('alert rule readings', () => {
  it('error rate: 5xx share, judged only past min_requests, over the rule narrowing', async () => {
    const rule = alertRuleSchema.parse({ name: 'e', type: 'error_rate', threshold: 0.1, model: 'chat' });
    const few = new ComputedSources(() => ({ requests: 5, serverErrors: 5 }));
    assert.equal((await readRule(rule, few, now))[0]?.firing, false, 'five calls say too little');
    const many = new ComputedSources(() => ({ requests: 40, serverErrors: 6 }));
    const [reading] = await readRule(rule, many, now);
    assert.equal(reading?.firing, true);
    assert.equal(reading?.value, 0.15);
    assert.deepEqual(many.asked, [
      {
        from: new Date(now - 15 * 60_000).toISOString(),
        to: new Date(now).toISOString(),
        team: undefined,
        keyId: undefined,
        model: 'chat',
      },
    ]);
  });

  it('p95 latency fires above its threshold', async () => {
    const rule = alertRuleSchema.parse({ name: 'p', type: 'p95_latency', threshold_ms: 2000 });
    const slow = new ComputedSources(() => ({ requests: 50, p95LatencyMs: 2500 }));
    const fast = new ComputedSources(() => ({ requests: 50, p95LatencyMs: 1500 }));
    assert.equal((await readRule(rule, slow, now))[0]?.firing, true);
    assert.equal((await readRule(rule, fast, now))[0]?.firing, false);
  });

  it('cost anomaly: the last hour against the median of the baseline hours, with a floor', async () => {
    const rule = alertRuleSchema.parse({ name: 'a', type: 'cost_anomaly', factor: 3, min_usd: 1 });
    // A baseline of 0.5 USD an hour with one 40 USD outlier hour, which the median ignores.
    const baseline = (filter: RequestFilter) => (hoursBack(filter) === 5 ? 40 : 0.5);
    const spike = new ComputedSources((filter) => ({
      costUsd: hoursBack(filter) === 0 ? 2 : baseline(filter),
    }));
    const [reading] = await readRule(rule, spike, now);
    assert.equal(spike.asked.length, 25, 'the last hour and 24 baseline hours');
    assert.equal(reading?.threshold, 1.5);
    assert.equal(reading?.firing, true);
    const steady = new ComputedSources((filter) => ({
      costUsd: hoursBack(filter) === 0 ? 1.2 : baseline(filter),
    }));
    assert.equal((await readRule(rule, steady, now))[0]?.firing, false, 'under 3x the median');
    const quiet = new ComputedSources((filter) => ({ costUsd: hoursBack(filter) === 0 ? 0.9 : 0.01 }));
    assert.equal((await readRule(rule, quiet, now))[0]?.firing, false, 'under the 1 USD floor');
  });
});
