import type { Usage, WireUsage } from '../../core/types.js';

/** Usage split into disjoint, billable counts; `cacheWriteTokens` extends the core `Usage`. */
export type NormalisedUsage = Usage & { cacheWriteTokens: number };

/** A token count as reported, or zero when it is missing, negative or not a number. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Turns OpenAI-shaped usage into disjoint counts: `inputTokens` is the uncached prompt only, while
 * `outputTokens` still includes `reasoningTokens`. Missing usage counts as zero and is marked estimated.
 */
export function normaliseUsage(wire: WireUsage | undefined): NormalisedUsage {
  if (wire === undefined) {
    return {
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      estimated: true,
    };
  }
  const prompt = count(wire.prompt_tokens);
  // A provider that reports more cached tokens than prompt tokens is wrong about one of them; clamping
  // keeps the uncached remainder from going negative and never bills more prompt tokens than reported.
  const cached = Math.min(count(wire.prompt_tokens_details?.cached_tokens), prompt);
  const cacheWrite = Math.min(count(wire.prompt_tokens_details?.cache_creation_tokens), prompt - cached);
  const output = count(wire.completion_tokens);
  return {
    inputTokens: prompt - cached - cacheWrite,
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    reasoningTokens: Math.min(count(wire.completion_tokens_details?.reasoning_tokens), output),
    estimated: 'estimated' in wire && wire.estimated === true,
  };
}
