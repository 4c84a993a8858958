import type { ChatRequest, WireUsage } from '../core/types.js';
import type { ResolvedModel } from '../models/model-registry.js';
import { countChatTokens } from '../tokens/tokenizers/count-chat.js';
import { countCompletionTokens } from '../tokens/tokenizers/count-output.js';
import { tokenizerFor } from '../tokens/tokenizers/tokenizer-for.js';
import type { StreamOutput } from './call.js';

/** Usage Strata counted itself because the provider reported none. */
export type EstimatedUsage = WireUsage & { estimated: true };

/**
 * Counts a stream's usage when it ended without a usage chunk (the client went away, the upstream
 * broke, or the provider does not report usage on streams): the prompt with the model's tokenizer,
 * the output from what was streamed. Providers bill a started generation, so this is never zero.
 */
export function estimateStreamUsage(
  request: ChatRequest,
  resolved: ResolvedModel,
  output: StreamOutput,
): EstimatedUsage {
  const tokenizer = tokenizerFor(resolved.provider.kind, resolved.upstreamModel);
  const prompt = countChatTokens(request, tokenizer).tokens;
  const completion = countCompletionTokens(output.text.join(''), output.toolCalls, tokenizer).tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    estimated: true,
  };
}

/** True for usage Strata estimated rather than a provider reported. */
export function isEstimated(usage: WireUsage | undefined): boolean {
  return usage !== undefined && 'estimated' in usage && usage.estimated === true;
}
