import type { VerifierConfig } from '../../config/verifiers.js';
import { answerText, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type ContainsConfig = Extract<VerifierConfig, { type: 'contains' }>;

/**
 * Scores the share of the configured strings found in the answer (mode `all`), or 1 when any is found
 * (mode `any`).
 */
export function createContainsVerifier(config: ContainsConfig): Verifier {
  const fold = (text: string) => (config.case_sensitive ? text : text.toLowerCase());
  const values = config.values.map(fold);
  const threshold = config.threshold ?? 1;
  return {
    name: 'contains',
    async verify(_request, response) {
      const text = fold(answerText(response));
      const found = config.values.filter((_, index) => text.includes(values[index] ?? ''));
      const missing = config.values.filter((value) => !found.includes(value));
      if (config.mode === 'any') {
        return found.length > 0
          ? verdict(1, threshold, `the answer contains "${found[0]}"`)
          : verdict(0, threshold, `the answer contains none of ${quoteList(config.values)}`);
      }
      const score = found.length / config.values.length;
      return missing.length === 0
        ? verdict(score, threshold, `the answer contains all ${config.values.length} required strings`)
        : verdict(score, threshold, `the answer lacks ${quoteList(missing)}`);
    },
  };
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
