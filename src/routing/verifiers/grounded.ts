import type { VerifierConfig } from '../../config/verifiers.js';
import { answerText, describeError, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type GroundedConfig = Extract<VerifierConfig, { type: 'grounded' }>;

/**
 * Scores how well the answer is supported by the request's retrieved context, through the knowledge
 * layer's check; without a knowledge layer the verdict fails and says why.
 */
export function createGroundedVerifier(config: GroundedConfig): Verifier {
  const threshold = config.threshold ?? 0.7;
  return {
    name: 'grounded',
    async verify(request, response, context) {
      if (context.grounded === undefined) {
        return verdict(
          0,
          threshold,
          'groundedness cannot be checked: no knowledge layer is configured to supply retrieved context',
        );
      }
      try {
        const result = await context.grounded(answerText(response), request);
        return verdict(result.score, threshold, result.reason);
      } catch (error) {
        if (context.signal.aborted) throw error;
        return verdict(0, threshold, `the groundedness check failed: ${describeError(error)}`);
      }
    },
  };
}
