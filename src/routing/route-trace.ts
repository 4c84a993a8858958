import type { Verdict } from './verifiers/verifier.js';

/** One step of a routed request as `x-strata-route` and the request log show it. */
export interface TraceStep {
  /** The attempt number, or 0 for a candidate skipped before any call. */
  attempt: number;
  purpose: string;
  /** `provider/model`. */
  model: string;
  /** `ok`, an error code, `skipped:<why>`, `rejected` (by a verifier) or `lost` (a hedge race). */
  outcome: string;
  ms: number;
}

/** A verifier's verdict on a cascade tier's answer. */
export interface TraceVerdict extends Verdict {
  tier: number;
  verifier: string;
}

/** Why a route did what it did: plan, attempts, verdicts and escalations. */
export interface RouteTrace {
  route: string;
  plan: string;
  steps: TraceStep[];
  verdicts: TraceVerdict[];
  /** One line per escalation, e.g. `tier 1 -> 2: regex 0.00 < 1`. */
  escalations: string[];
  /** Set when a stream was restarted on another model after its first chunk. */
  restarts: string[];
  /** The cascade routes the plan chose, in the order they ran. */
  cascades: string[];
  /** Why a trained selector ordered its targets as it did, one line per decision. */
  decisions: string[];
}

/** Starts an empty trace. */
export function createRouteTrace(route: string, plan: string): RouteTrace {
  return { route, plan, steps: [], verdicts: [], escalations: [], restarts: [], cascades: [], decisions: [] };
}

// Header values must be visible ASCII; reasons come from verifiers and upstreams.
function clean(text: string, limit = 80): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').replace(/[;,=]/g, ' ');
  return ascii.length > limit ? `${ascii.slice(0, limit - 3)}...` : ascii;
}

/**
 * The compact one-line summary sent as `x-strata-route`, e.g.
 * `route=auto; plan=fallback; attempts=1:primary:openai/gpt-4o-mini:upstream_error,2:fallback:groq/llama:ok`.
 */
export function formatRouteHeader(trace: RouteTrace): string {
  const parts = [`route=${clean(trace.route)}`, `plan=${trace.plan}`];
  if (trace.decisions.length > 0)
    parts.push(`decided=${trace.decisions.map((line) => clean(line, 160)).join(',')}`);
  if (trace.cascades.length > 0) parts.push(`cascade=${trace.cascades.map((name) => clean(name)).join(',')}`);
  const steps = trace.steps.map(
    (step) => `${step.attempt}:${step.purpose}:${clean(step.model)}:${clean(step.outcome, 40)}`,
  );
  parts.push(`attempts=${steps.join(',')}`);
  if (trace.verdicts.length > 0) {
    const verdicts = trace.verdicts.map(
      (verdict) =>
        `${verdict.tier}:${clean(verdict.verifier)}:${verdict.score.toFixed(2)}:${verdict.pass ? 'pass' : 'fail'}`,
    );
    parts.push(`verdicts=${verdicts.join(',')}`);
  }
  if (trace.escalations.length > 0)
    parts.push(`escalated=${trace.escalations.map((line) => clean(line)).join(',')}`);
  if (trace.restarts.length > 0)
    parts.push(`restarted=${trace.restarts.map((line) => clean(line)).join(',')}`);
  const header = parts.join('; ');
  return header.length > 4000 ? `${header.slice(0, 3997)}...` : header;
}
