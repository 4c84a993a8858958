import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VerifierConfig } from '../../config/verifiers.js';
import type { ChatRequest, ChatResponse } from '../../core/types.js';
import { answerText, clip, describeError, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type CustomConfig = Extract<VerifierConfig, { type: 'custom' }>;

/** What a custom verifier function receives. */
export interface CustomVerifierInput {
  /** The answer's text. */
  answer: string;
  request: ChatRequest;
  response: ChatResponse;
}

/** What a custom verifier function returns (or resolves to): a score, or a score with a reason. */
export type CustomVerifierResult = number | boolean | { score: number; reason?: string };

type CustomFunction = (input: CustomVerifierInput) => CustomVerifierResult | Promise<CustomVerifierResult>;

/**
 * Runs a function exported by a JavaScript module named in config (a path relative to `baseDirectory`,
 * an absolute path or a package name). Import failures, throws and bad return values become failing
 * verdicts with the cause in the reason, never a crashed request.
 */
export function createCustomVerifier(config: CustomConfig, baseDirectory = process.cwd()): Verifier {
  const threshold = config.threshold ?? 0.5;
  const specifier =
    config.module.startsWith('.') || isAbsolute(config.module)
      ? pathToFileURL(resolve(baseDirectory, config.module)).href
      : config.module;
  let loading: Promise<CustomFunction> | undefined;
  const load = () => {
    loading ??= import(specifier).then((module: Record<string, unknown>) => {
      const exported = module[config.export];
      if (typeof exported !== 'function') {
        throw new Error(`the module exports no function \`${config.export}\``);
      }
      return exported as CustomFunction;
    });
    return loading;
  };
  const where = `${config.module}#${config.export}`;
  return {
    name: 'custom',
    async verify(request, response) {
      let result: CustomVerifierResult;
      try {
        const check = await load();
        result = await check({ answer: answerText(response), request, response });
      } catch (error) {
        return verdict(0, threshold, `custom verifier ${where} failed: ${describeError(error)}`);
      }
      if (typeof result === 'boolean')
        return verdict(result ? 1 : 0, threshold, `${where} returned ${result}`);
      if (typeof result === 'number' && Number.isFinite(result)) {
        return verdict(result, threshold, `${where} scored ${result}`);
      }
      if (typeof result === 'object' && result !== null && typeof result.score === 'number') {
        const reason = typeof result.reason === 'string' ? result.reason : `${where} scored ${result.score}`;
        return verdict(result.score, threshold, reason);
      }
      return verdict(
        0,
        threshold,
        `custom verifier ${where} returned ${clip(String(JSON.stringify(result)), 40)}, not a score`,
      );
    },
  };
}
