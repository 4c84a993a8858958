import { StrataError, toStrataError } from '../core/errors.js';
import type { AttemptPurpose } from './attempt-log.js';
import { retryDelay } from './backoff.js';
import type { BreakerSettings } from './breakers/breaker-store.js';
import { type Answer, type AttemptPlan, callAttempt } from './call-attempt.js';
import { countsAgainstHealth } from './fallback-policy.js';
import { hedgedAttempt } from './hedge.js';
import type { Leaf } from './plan.js';
import type { RouteRun } from './route-run.js';

/** The error a candidate gets while its breaker is open: nothing was sent. */
function breakerOpen(leaf: Leaf): StrataError {
  return new StrataError('upstream_unavailable', `The circuit breaker for \`${leaf.key}\` is open.`);
}

/**
 * Runs one candidate: its breaker first, then the attempt (hedged when the route says so), retried with
 * backoff on retryable errors. Throws the last error when the candidate cannot answer.
 */
export async function runLeaf(
  leaf: Leaf,
  run: RouteRun,
  plan: AttemptPlan,
  hedgeWith: Leaf | undefined,
): Promise<Answer> {
  const { options } = run.route;
  const settings: BreakerSettings = {
    failures: options.breaker.failures,
    cooldownMs: options.breaker.cooldown_ms,
  };
  const keepsPurpose = plan.purpose === 'verifier' || plan.purpose === 'judge';
  for (let retry = 0; ; retry++) {
    const purpose: AttemptPurpose = retry === 0 || keepsPurpose ? plan.purpose : 'retry';
    const check = options.breaker.enabled
      ? await run.runtime.breakers.allow(leaf.key, settings)
      : { state: 'closed' as const, dirty: false };
    if (check.state === 'open') {
      run.trace.steps.push({ attempt: 0, purpose, model: leaf.key, outcome: 'skipped:breaker_open', ms: 0 });
      throw breakerOpen(leaf);
    }
    try {
      const attempt = { ...plan, purpose };
      const answer = options.hedge
        ? await hedgedAttempt(leaf, run, attempt, hedgeWith ?? leaf)
        : await callAttempt(leaf, run, attempt);
      if (check.dirty) await run.runtime.breakers.success(leaf.key);
      return answer;
    } catch (thrown) {
      const error = toStrataError(thrown);
      if (options.breaker.enabled && countsAgainstHealth(error) && !run.callerSignal.aborted)
        await run.runtime.breakers.failure(leaf.key, settings);
      if (!error.retryable || retry >= options.retries.max || run.signal.aborted) throw error;
      const delay = retryDelay(retry, options.retries, error, run.random);
      if (delay === undefined) throw error;
      if (run.deadlineAt !== undefined && performance.now() + delay >= run.deadlineAt) throw error;
      await run.runtime.sleep(delay, run.signal).catch(() => {
        throw error;
      });
    }
  }
}
