import type { JoinedRequest, ValueJoin } from './value-join.js';

/** The dimensions value metrics can be grouped by. */
export const valueDimensions = ['total', 'tag', 'feature', 'team', 'key', 'model', 'route', 'day'] as const;

/** One dimension value metrics can be grouped by. */
export type ValueDimension = (typeof valueDimensions)[number];

/** Cost and value of one group of requests. */
export interface ValueGroup {
  group: string | null;
  requests: number;
  /** Ledger rows: every attempt, retries, fallbacks, escalations, verifiers and judges included. */
  attempts: number;
  sessions: number;
  /** USD of every priced attempt of the group's requests. */
  cost_usd: number;
  /** USD of the attempts of requests an outcome was attached to: what CPSO divides. */
  attributed_cost_usd: number;
  outcomes: number;
  successes: number;
  /** Successes per outcome; null without outcomes. */
  success_rate: number | null;
  /** USD the outcomes said they were worth. */
  value_usd: number;
  cost_per_request_usd: number | null;
  /** USD of the requests that named a session, per session. */
  cost_per_session_usd: number | null;
  /** Cost per successful outcome: `attributed_cost_usd / successes`; null without a success. */
  cpso_usd: number | null;
  /** (value − cost) / cost over all the group's spend; null when it cost nothing or has no outcomes. */
  roi: number | null;
}

/** Whether an attempt's purpose is to answer, rather than to check an answer. */
export function answers(purpose: string): boolean {
  return purpose !== 'verifier' && purpose !== 'judge';
}

/** The group keys one request falls in: one for most dimensions, one per tag, none when unknown. */
function groupsOf(joined: JoinedRequest, by: ValueDimension): Array<string | null> {
  const first = joined.attempts[0];
  switch (by) {
    case 'total':
      return ['total'];
    case 'day':
      return [joined.request.createdAt.slice(0, 10)];
    case 'route':
      return [joined.request.requestedModel];
    case 'key':
      return [first?.keyId ?? null];
    case 'team':
      return [first?.team ?? null];
    case 'feature':
      return [first?.feature ?? null];
    case 'tag':
      return first?.tags ?? [];
    case 'model': {
      // The model that answered: the last attempt that succeeded (checks aside), else the last one tried.
      const served =
        joined.attempts.findLast((row) => row.status < 400 && answers(row.purpose)) ?? joined.attempts.at(-1);
      return [served?.model ?? null];
    }
  }
}

interface Accumulator {
  requests: number;
  attempts: number;
  sessions: Set<string>;
  sessionCost: number;
  cost: number;
  attributed: number;
  outcomes: Map<string, { success: boolean; value: number }>;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Groups a joined window by a dimension: cost per request, per session and per successful outcome, ROI. */
export function valueMetrics(join: ValueJoin, by: ValueDimension): ValueGroup[] {
  const groups = new Map<string | null, Accumulator>();
  for (const joined of join.requests) {
    for (const key of groupsOf(joined, by)) {
      let group = groups.get(key);
      if (!group) {
        group = {
          requests: 0,
          attempts: 0,
          sessions: new Set(),
          sessionCost: 0,
          cost: 0,
          attributed: 0,
          outcomes: new Map(),
        };
        groups.set(key, group);
      }
      group.requests += 1;
      group.attempts += joined.attempts.length;
      group.cost += joined.costUsd;
      const session = joined.request.sessionId;
      if (session !== null) {
        group.sessions.add(session);
        group.sessionCost += joined.costUsd;
      }
      if (joined.outcomes.length > 0) group.attributed += joined.costUsd;
      // An outcome attached to several requests of the group counts once.
      for (const outcome of joined.outcomes)
        group.outcomes.set(outcome.id, { success: outcome.success, value: outcome.valueUsd });
    }
  }
  const rows = [...groups.entries()].map(([group, totals]): ValueGroup => {
    const outcomes = [...totals.outcomes.values()];
    const successes = outcomes.filter((outcome) => outcome.success).length;
    const value = outcomes.reduce((sum, outcome) => sum + outcome.value, 0);
    return {
      group,
      requests: totals.requests,
      attempts: totals.attempts,
      sessions: totals.sessions.size,
      cost_usd: totals.cost,
      attributed_cost_usd: totals.attributed,
      outcomes: outcomes.length,
      successes,
      success_rate: ratio(successes, outcomes.length),
      value_usd: value,
      cost_per_request_usd: ratio(totals.cost, totals.requests),
      cost_per_session_usd: ratio(totals.sessionCost, totals.sessions.size),
      cpso_usd: ratio(totals.attributed, successes),
      // Without outcomes the value is unknown, not zero.
      roi: totals.cost > 0 && outcomes.length > 0 ? (value - totals.cost) / totals.cost : null,
    };
  });
  return by === 'day'
    ? rows.sort((a, b) => String(a.group).localeCompare(String(b.group)))
    : rows.sort((a, b) => b.cost_usd - a.cost_usd || String(a.group).localeCompare(String(b.group)));
}
