import { createLlmJudgeVerifier } from '../../routing/verifiers/llm-judge.js';
import { verdict } from '../../routing/verifiers/verdict.js';
import type { AssertionContext, AssertionSubject, Verdict } from './assertion.js';

/** How one `llm-rubric` assertion is judged. */
export interface RubricSettings {
  rubric: string;
  /** The judge model (a model or route name). */
  model: string;
  /** The score one judge run must reach to count as a pass. */
  threshold: number;
  repeat: number;
  /** The share of runs that must pass for the verdict to pass. */
  passRate: number;
  /** Run i asks with seed `seed + i` at temperature 0, so reruns ask exactly the same questions. */
  seed: number;
}

/**
 * The routing layer's `llm_judge` verifier asked `repeat` times with fixed seeds; the verdict comes from
 * the pass rate of the runs, not from one sample, so a judge that wavers on one run does not flip it.
 */
export async function judgeWithRubric(
  settings: RubricSettings,
  subject: AssertionSubject,
  context: AssertionContext,
): Promise<Verdict> {
  const judge = createLlmJudgeVerifier({
    type: 'llm_judge',
    model: settings.model,
    rubric: settings.rubric,
    threshold: settings.threshold,
  });
  const runs: Verdict[] = [];
  for (let run = 0; run < settings.repeat; run++) {
    const seeded = {
      ...context,
      chat: (request: Parameters<AssertionContext['chat']>[0], purpose: 'verifier' | 'judge') =>
        context.chat({ ...request, temperature: 0, seed: settings.seed + run }, purpose),
    };
    runs.push(await judge.verify(subject.request, subject.response, seeded));
  }
  const passed = runs.filter((run) => run.pass).length;
  const rate = passed / runs.length;
  const mean = runs.reduce((total, run) => total + run.score, 0) / runs.length;
  const last = runs.at(-1)?.reason ?? '';
  const made = verdict(
    mean,
    0,
    `${passed} of ${runs.length} judge runs passed (pass rate ${rate.toFixed(2)}, needs ${settings.passRate}); ${last}`,
  );
  return { ...made, pass: rate >= settings.passRate };
}
