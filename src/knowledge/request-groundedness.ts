/**
 * The groundedness check in the shape the routing layer's `grounded` verifier takes by injection:
 * `(answer, request) => {score, reason}`. The passages are the ones the request carries, or else those
 * the knowledge base retrieves for its last user message, numbered as the answer's `[n]` markers cite them.
 */
import type { ChatRequest } from '../core/types.js';
import type { Retrieve } from './extractive-provider.js';
import { checkGroundedness, type GroundednessJudge } from './grounded/groundedness.js';
import { lastUserText, passagesFromRequest } from './request-passages.js';

/** Where the check finds its passages, and an optional judge. */
export interface RequestGroundednessOptions {
  /** Passages for requests that carry none (the knowledge-base service supplies it). */
  retrieve?: Retrieve;
  /** Passages retrieved per question (default 5), in the order the answer's markers number them. */
  topK?: number;
  judge?: GroundednessJudge;
}

/** Builds the function the composition root hands the routing layer as `VerifyContext.grounded`. */
export function createRequestGroundedness(
  options: RequestGroundednessOptions = {},
): (answer: string, request: ChatRequest) => Promise<{ score: number; reason: string }> {
  return async (answer, request) => {
    const passages =
      passagesFromRequest(request) ??
      (await options.retrieve?.(lastUserText(request), options.topK ?? 5)) ??
      [];
    if (passages.length === 0) return { score: 0, reason: 'no passages to check the answer against' };
    // Any model's answer can be checked: it need not cite, its sentences are matched against every passage.
    const result = await checkGroundedness(answer, passages, {
      requireCitations: false,
      ...(options.judge && { judge: options.judge }),
    });
    const weakest = result.sentences.find((sentence) => sentence.verdict !== 'supported');
    const reason = weakest ? `${result.reason} First: "${weakest.text}": ${weakest.reason}` : result.reason;
    return { score: result.score, reason };
  };
}
