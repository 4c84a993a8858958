import { type Answer, type AttemptPlan, callAttempt } from './call-attempt.js';
import type { Leaf } from './plan.js';
import type { RouteRun } from './route-run.js';

/** How long to wait before hedging: the candidate's latency percentile once known, else `after_ms`. */
function hedgeDelay(leaf: Leaf, run: RouteRun): number | undefined {
  const hedge = run.route.options.hedge;
  if (!hedge) return undefined;
  const measured =
    hedge.percentile === undefined
      ? undefined
      : run.runtime.stats.percentile(leaf.key, hedge.percentile, hedge.min_samples);
  return measured ?? hedge.after_ms;
}

/**
 * One attempt with a hedge: when the first has not answered after the hedge delay, a second starts (on
 * the next candidate, or the same model when there is none) and the first answer wins (for a stream,
 * the first to deliver its first chunk, so the client only ever sees one model); the loser is
 * cancelled. When both fail, the first attempt's error is thrown.
 */
export async function hedgedAttempt(
  leaf: Leaf,
  run: RouteRun,
  plan: AttemptPlan,
  other: Leaf,
): Promise<Answer> {
  const delay = hedgeDelay(leaf, run);
  if (delay === undefined) return callAttempt(leaf, run, plan);
  const firstControl = new AbortController();
  const first = callAttempt(leaf, run, { ...plan, own: firstControl.signal });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'hedge'>((resolve) => {
    timer = setTimeout(() => resolve('hedge'), delay);
  });
  const early = await Promise.race([
    first.then(
      () => 'done' as const,
      () => 'done' as const,
    ),
    waited,
  ]);
  clearTimeout(timer);
  if (early === 'done' || run.signal.aborted) return first;
  const secondControl = new AbortController();
  const second = callAttempt(other, run, { ...plan, purpose: 'hedge', own: secondControl.signal });
  const tagged = (promise: Promise<Answer>, which: 'first' | 'second') =>
    promise.then((answer) => ({ which, answer }));
  // Whichever loses is cancelled and still settles its own attempt record; nobody waits on it here.
  first.catch(() => undefined);
  second.catch(() => undefined);
  try {
    const { which, answer } = await Promise.any([tagged(first, 'first'), tagged(second, 'second')]);
    const loser = which === 'first' ? second : first;
    (which === 'first' ? secondControl : firstControl).abort();
    // The cancelled loser settles its attempt record at once; waiting for it keeps the trace whole.
    const lost = await loser.catch(() => undefined);
    if (lost?.kind === 'stream') {
      // It had started streaming too: close it, which records what it carried, and mark it lost.
      await lost.chunks[Symbol.asyncIterator]().return?.();
      const step = run.trace.steps.find((candidate) => candidate.attempt === lost.attempt);
      if (step) step.outcome = 'lost';
    }
    return answer;
  } catch {
    return first;
  }
}
