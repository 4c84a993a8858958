/**
 * What a model costs, in USD per million tokens. The catalog fills these in per model; the cost engine
 * prices normalised usage with them.
 */
export interface Price {
  /** Uncached input tokens. */
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache; absent means billed as input. */
  cachedInput?: number;
  /** Input tokens written to the prompt cache (Anthropic, Bedrock); absent means billed as input. */
  cacheWrite?: number;
  /** Reasoning tokens, where a provider prices them apart; absent means billed as output. */
  reasoning?: number;
  /**
   * Long-context tiers: when the prompt has more than `aboveInputTokens` tokens, the whole request is
   * billed at the tier's prices (as Gemini and Anthropic's long-context models do). Ordered ascending.
   */
  tiers?: ReadonlyArray<{ aboveInputTokens: number } & Omit<Price, 'tiers'>>;
}
