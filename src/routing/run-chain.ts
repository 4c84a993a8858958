import { StrataError, toStrataError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';
import type { AttemptPurpose } from './attempt-log.js';
import type { Answer } from './call-attempt.js';
import { fallsBack } from './fallback-policy.js';
import type { Leaf } from './plan.js';
import { fitsWindow } from './prompt-size.js';
import type { RouteRun } from './route-run.js';
import { runLeaf } from './run-leaf.js';

/** An answer and the position of the candidate that gave it, so a broken stream can restart after it. */
export interface ChainAnswer {
  answer: Answer;
  index: number;
}

function tooLong(run: RouteRun): StrataError {
  return new StrataError(
    'invalid_request',
    `The prompt (about ${run.promptTokens()} tokens) does not fit the context window of any model of route \`${run.route.name}\`.`,
    { param: 'messages' },
  );
}

/**
 * Tries candidates in order until one answers. A candidate whose context window cannot hold the prompt
 * is skipped; a failure falls back to the next candidate only when the fallback policy allows it.
 */
export async function runChain(
  leaves: readonly Leaf[],
  run: RouteRun,
  options: { purpose: AttemptPurpose; stream: boolean; request: ChatRequest },
): Promise<ChainAnswer> {
  let lastError: StrataError | undefined;
  let first = true;
  const keepsPurpose = options.purpose === 'verifier' || options.purpose === 'judge';
  for (let index = 0; index < leaves.length; index++) {
    const leaf = leaves[index] as Leaf;
    const purpose = first || keepsPurpose ? options.purpose : 'fallback';
    first = false;
    const provider = leaf.resolved.provider.kind;
    if (
      run.route.options.context_window_fallback &&
      !fitsWindow(options.request, leaf.contextWindow, run.promptTokens(), {
        provider,
        model: leaf.resolved.upstreamModel,
      })
    ) {
      run.trace.steps.push({
        attempt: 0,
        purpose,
        model: leaf.key,
        outcome: 'skipped:context_window',
        ms: 0,
      });
      lastError ??= tooLong(run);
      continue;
    }
    try {
      const plan = { purpose, stream: options.stream, request: options.request };
      return { answer: await runLeaf(leaf, run, plan, leaves[index + 1]), index };
    } catch (thrown) {
      const error = toStrataError(thrown);
      if (run.signal.aborted || !fallsBack(error, run.route.options)) throw error;
      lastError = error;
    }
  }
  throw lastError ?? new StrataError('model_not_found', `Route \`${run.route.name}\` has no model to try.`);
}
