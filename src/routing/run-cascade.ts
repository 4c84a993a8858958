import { toStrataError } from '../core/errors.js';
import type { Answer } from './call-attempt.js';
import type { OrderInput } from './order-leaves.js';
import { orderLeaves } from './order-leaves.js';
import type { Tier } from './plan.js';
import type { RouteRun } from './route-run.js';
import type { TraceVerdict } from './route-trace.js';
import { runChain } from './run-chain.js';
import type { Verdict, VerifyContext } from './verifiers/verifier.js';

async function judge(
  tier: Tier,
  index: number,
  answer: Answer & { kind: 'response' },
  run: RouteRun,
  context: VerifyContext,
) {
  const verdicts = await Promise.all(
    tier.verifiers.map(async (verifier): Promise<TraceVerdict> => {
      let verdict: Verdict;
      try {
        verdict = await verifier.verify(run.request, answer.response, context);
      } catch (thrown) {
        verdict = { score: 0, pass: false, reason: `the verifier failed: ${toStrataError(thrown).message}` };
      }
      const pass = tier.threshold === undefined ? verdict.pass : verdict.score >= tier.threshold;
      return { ...verdict, pass, tier: index + 1, verifier: verifier.name };
    }),
  );
  run.trace.verdicts.push(...verdicts);
  if (verdicts.length === 0) return { accepted: true, verdicts };
  const accepted =
    tier.require === 'all'
      ? verdicts.every((verdict) => verdict.pass)
      : verdicts.some((verdict) => verdict.pass);
  return { accepted, verdicts };
}

/**
 * Runs a cascade: each tier answers in full (a cascade that verifies must buffer, streams included),
 * its verifiers judge the answer, and a rejection or a failure escalates to the next tier. The last
 * tier's answer stands; its verifiers, if any, are still run and recorded.
 */
export async function runCascade(
  tiers: readonly Tier[],
  run: RouteRun,
  order: OrderInput,
  context: VerifyContext,
  firstPurpose: 'primary' | 'fallback' = 'primary',
): Promise<Answer & { kind: 'response' }> {
  for (let index = 0; ; index++) {
    const tier = tiers[index] as Tier;
    const last = index === tiers.length - 1;
    const leaves = await orderLeaves(tier.node, order);
    let answer: Answer & { kind: 'response' };
    try {
      const chained = await runChain(leaves, run, {
        purpose: index === 0 ? firstPurpose : 'escalation',
        stream: false,
        request: { ...run.request, stream: false },
      });
      answer = chained.answer as Answer & { kind: 'response' };
    } catch (thrown) {
      const error = toStrataError(thrown);
      if (last || run.signal.aborted) throw error;
      run.trace.escalations.push(`tier ${index + 1} -> ${index + 2}: failed ${error.code}`);
      continue;
    }
    run.served(answer.resolved);
    if (tier.verifiers.length === 0) return answer;
    const { accepted, verdicts } = await judge(tier, index, answer, run, context);
    if (accepted || last) return answer;
    const step = run.trace.steps.find((candidate) => candidate.attempt === answer.attempt);
    if (step) step.outcome = 'rejected';
    const failed = verdicts.filter((verdict) => !verdict.pass);
    const scores = failed.map((verdict) => `${verdict.verifier} ${verdict.score.toFixed(2)}`).join(' ');
    run.trace.escalations.push(
      `tier ${index + 1} -> ${index + 2}: ${scores} (${failed[0]?.reason ?? 'rejected'})`,
    );
  }
}
