import type { VerifierConfig } from '../../config/verifiers.js';
import type { ChatRequest } from '../../core/types.js';
import { answersAgree, extractFinalAnswer } from './final-answer.js';
import { answerText, clip, describeError, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type SelfConsistencyConfig = Extract<VerifierConfig, { type: 'self_consistency' }>;

/** The sampling temperature of extra samples from the same model, so they can differ from the first. */
const resampleTemperature = 0.7;

/**
 * Asks for more answers to the same request (from `models`, or `samples` more from the same model) and
 * scores the share that agree with the answer after final-answer extraction and normalisation.
 */
export function createSelfConsistencyVerifier(config: SelfConsistencyConfig): Verifier {
  const threshold = config.threshold ?? 0.5;
  return {
    name: 'self_consistency',
    async verify(request, response, context) {
      const answer = answerText(response);
      const others = config.models ?? [];
      const requests: ChatRequest[] =
        others.length > 0
          ? others.flatMap((model) => Array.from({ length: config.samples }, () => ({ ...request, model })))
          : Array.from({ length: config.samples }, () => ({
              ...request,
              temperature: request.temperature ?? resampleTemperature,
            }));
      const settled = await Promise.allSettled(
        requests.map((extra) => context.chat({ ...extra, stream: false }, 'verifier')),
      );
      if (context.signal.aborted) throw context.signal.reason;
      const answers: string[] = [];
      const failures: string[] = [];
      for (const result of settled) {
        if (result.status === 'fulfilled') answers.push(answerText(result.value));
        else failures.push(describeError(result.reason));
      }
      if (answers.length === 0) {
        return verdict(0, threshold, `no second answer could be had: ${failures[0] ?? 'nothing asked'}`);
      }
      const agreeing = answers.filter((other) => answersAgree(answer, other)).length;
      const final = clip(extractFinalAnswer(answer), 30);
      const failed = failures.length > 0 ? `; ${failures.length} call(s) failed` : '';
      return verdict(
        agreeing / answers.length,
        threshold,
        `${agreeing} of ${answers.length} other answer(s) agree with "${final}"${failed}`,
      );
    },
  };
}
