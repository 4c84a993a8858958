import type { WireUsage } from '../../core/types.js';
import type { MessagesUsage } from './messages-api.js';

/**
 * Converts Anthropic usage to OpenAI's: Anthropic counts cache reads and writes apart from
 * `input_tokens`, OpenAI counts them inside `prompt_tokens`. Thinking is already in `output_tokens`.
 */
export function toWireUsage(usage: MessagesUsage): WireUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const promptTokens = (usage.input_tokens ?? 0) + cacheRead + cacheCreation;
  const completionTokens = usage.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheCreation },
  };
}

const usageFields = [
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
] as const;

/** Folds a later usage report (a stream's `message_delta`) over an earlier one; missing counts keep the earlier. */
export function mergeUsage(earlier: MessagesUsage, later: Readonly<Record<string, unknown>>): MessagesUsage {
  const merged: MessagesUsage = { ...earlier };
  for (const field of usageFields) {
    const value = later[field];
    if (typeof value === 'number') merged[field] = value;
  }
  return merged;
}
