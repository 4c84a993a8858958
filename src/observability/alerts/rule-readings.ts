import type { AlertRuleConfig } from '../../config/alerts.js';
import type { RequestFilter, RequestTotals } from '../../store/request-queries.js';
import type { BudgetUse } from '../metrics.js';

/** What alert rules read: the query API's totals over the request log, and the budgets' current use. */
export interface AlertSources {
  totals(filter: RequestFilter): Promise<RequestTotals>;
  budgets(): Promise<BudgetUse[]>;
}

/** One rule's verdict on one subject ('' for the rule as a whole, a budget id for budget rules). */
export interface RuleReading {
  subject: string;
  firing: boolean;
  value: number;
  threshold: number;
  message: string;
}

const hourMs = 3_600_000;
const usd = (amount: number) => `${amount.toFixed(2)} USD`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

type Narrowed = Extract<AlertRuleConfig, { team?: string | undefined }>;

/** The calls a rule counts, between two instants. */
function filterOf(rule: Narrowed, from: number, to: number): RequestFilter {
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    team: rule.team,
    keyId: rule.key,
    model: rule.model,
  };
}

/** ` for team search`, ` for key k, model m`: which calls a message speaks of. */
function scopeOf(rule: Narrowed): string {
  const parts = [
    rule.team && `team ${rule.team}`,
    rule.key && `key ${rule.key}`,
    rule.model && `model ${rule.model}`,
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` for ${parts.join(', ')}`;
}

/** Reads one rule from the store at `now`; every subject it knows about, firing or not. */
export async function readRule(
  rule: AlertRuleConfig,
  sources: AlertSources,
  now: number,
): Promise<RuleReading[]> {
  switch (rule.type) {
    case 'spend': {
      const totals = await sources.totals(filterOf(rule, now - rule.window_minutes * 60_000, now));
      return [
        {
          subject: '',
          firing: totals.costUsd > rule.threshold_usd,
          value: totals.costUsd,
          threshold: rule.threshold_usd,
          message: `Spend${scopeOf(rule)} over the last ${rule.window_minutes} minutes is ${usd(totals.costUsd)}, above the ${usd(rule.threshold_usd)} threshold.`,
        },
      ];
    }
    case 'error_rate': {
      const totals = await sources.totals(filterOf(rule, now - rule.window_minutes * 60_000, now));
      const rate = totals.requests === 0 ? 0 : totals.serverErrors / totals.requests;
      return [
        {
          subject: '',
          firing: totals.requests >= rule.min_requests && rate > rule.threshold,
          value: rate,
          threshold: rule.threshold,
          message: `${percent(rate)} of ${totals.requests} calls${scopeOf(rule)} failed with a 5xx status over the last ${rule.window_minutes} minutes (threshold ${percent(rule.threshold)}).`,
        },
      ];
    }
    case 'p95_latency': {
      const totals = await sources.totals(filterOf(rule, now - rule.window_minutes * 60_000, now));
      return [
        {
          subject: '',
          firing: totals.requests >= rule.min_requests && totals.p95LatencyMs > rule.threshold_ms,
          value: totals.p95LatencyMs,
          threshold: rule.threshold_ms,
          message: `p95 latency of ${totals.requests} calls${scopeOf(rule)} over the last ${rule.window_minutes} minutes is ${totals.p95LatencyMs} ms (threshold ${rule.threshold_ms} ms).`,
        },
      ];
    }
    case 'budget_utilisation': {
      const budgets = (await sources.budgets()).filter(
        (budget) => rule.budget === undefined || budget.id === rule.budget,
      );
      return budgets.map((budget) => {
        const ratio = budget.limitUsd > 0 ? budget.usedUsd / budget.limitUsd : 0;
        return {
          subject: budget.id,
          firing: ratio >= rule.threshold,
          value: ratio,
          threshold: rule.threshold,
          message: `Budget ${budget.id} (${budget.scope}) is ${percent(ratio)} used: ${usd(budget.usedUsd)} of ${usd(budget.limitUsd)} (threshold ${percent(rule.threshold)}).`,
        };
      });
    }
    case 'cost_anomaly': {
      const last = await sources.totals(filterOf(rule, now - hourMs, now));
      const hours: number[] = [];
      for (let hour = 1; hour <= rule.baseline_hours; hour++)
        hours.push(
          (await sources.totals(filterOf(rule, now - (hour + 1) * hourMs, now - hour * hourMs))).costUsd,
        );
      const baseline = median(hours);
      const threshold = rule.factor * baseline;
      return [
        {
          subject: '',
          firing: last.costUsd >= rule.min_usd && last.costUsd > threshold,
          value: last.costUsd,
          threshold,
          message: `The last hour${scopeOf(rule)} cost ${usd(last.costUsd)}, more than ${rule.factor} times the median hour of the ${rule.baseline_hours} before it (${usd(baseline)}).`,
        },
      ];
    }
  }
}
