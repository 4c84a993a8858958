import type { WireUsage } from '../../core/types.js';
import type { GeminiUsageMetadata } from './gemini-types.js';

/** Converts Gemini's usage metadata to OpenAI usage; thinking tokens count as completion tokens. */
export function toWireUsage(metadata: GeminiUsageMetadata): WireUsage {
  const prompt = metadata.promptTokenCount ?? 0;
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const completion = (metadata.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: metadata.totalTokenCount ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: metadata.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
