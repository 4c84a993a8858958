import type { VerifierConfig } from '../../config/verifiers.js';
import { StrataError } from '../../core/errors.js';
import { answerText, clip, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type RegexConfig = Extract<VerifierConfig, { type: 'regex' }>;

/** Passes when the answer matches the configured regular expression. */
export function createRegexVerifier(config: RegexConfig): Verifier {
  let pattern: RegExp;
  try {
    pattern = new RegExp(config.pattern, config.flags?.replace(/[gy]/g, ''));
  } catch (error) {
    throw new StrataError(
      'config_invalid',
      `The regex verifier pattern \`${config.pattern}\` does not compile: ${(error as Error).message}`,
      { param: 'pattern' },
    );
  }
  const threshold = config.threshold ?? 1;
  return {
    name: 'regex',
    async verify(_request, response) {
      const text = answerText(response);
      const match = pattern.exec(text);
      return match
        ? verdict(1, threshold, `the answer matches /${config.pattern}/ at "${clip(match[0], 40)}"`)
        : verdict(0, threshold, `the answer does not match /${config.pattern}/`);
    },
  };
}
