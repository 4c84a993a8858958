import type { VerifierConfig } from '../../config/verifiers.js';
import type { ChatResponse } from '../../core/types.js';
import { verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type ConfidenceConfig = Extract<VerifierConfig, { type: 'confidence' }>;

/**
 * Scores the mean token probability of the answer from the response's `logprobs` (ask for them with
 * `logprobs: true`). Without logprobs the verdict fails and says so, rather than guessing.
 */
export function createConfidenceVerifier(config: ConfidenceConfig): Verifier {
  const threshold = config.threshold ?? 0.7;
  return {
    name: 'confidence',
    async verify(_request, response) {
      const logprobs = tokenLogprobs(response);
      if (logprobs.length === 0) {
        return verdict(
          0,
          threshold,
          'the response carries no token logprobs (the provider did not return them or the request did not ask with logprobs: true), so confidence is unknown',
        );
      }
      const mean = logprobs.reduce((total, logprob) => total + Math.exp(logprob), 0) / logprobs.length;
      return verdict(
        mean,
        threshold,
        `mean token probability ${mean.toFixed(3)} over ${logprobs.length} tokens`,
      );
    },
  };
}

/** The log probability of each answer token, from OpenAI's `choices[0].logprobs.content[].logprob`. */
function tokenLogprobs(response: ChatResponse): number[] {
  const logprobs = response.choices[0]?.logprobs;
  if (typeof logprobs !== 'object' || logprobs === null || Array.isArray(logprobs)) return [];
  const content = logprobs.content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((token) =>
    typeof token === 'object' && token !== null && !Array.isArray(token) && typeof token.logprob === 'number'
      ? [token.logprob]
      : [],
  );
}
