/**
 * What a model costs, in USD per million tokens. Structurally the same as the cost engine's price shape,
 * declared here because the model layer does not import the token layer.
 */
export interface CatalogPrice {
  /** Uncached input tokens. */
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache; absent means billed as input. */
  cachedInput?: number;
  /** Input tokens written to the prompt cache; absent means billed as input. */
  cacheWrite?: number;
  /** Reasoning tokens, where a provider prices them apart; absent means billed as output. */
  reasoning?: number;
  /** Long-context tiers: above `aboveInputTokens` prompt tokens the whole request is billed at the tier. */
  tiers?: ReadonlyArray<{ aboveInputTokens: number } & Omit<CatalogPrice, 'tiers'>>;
}

/** An input a model accepts besides text. */
export type Modality = 'text' | 'image' | 'audio';

/** One model as a provider publishes it: prices, limits and capabilities. */
export interface CatalogEntry {
  /** The provider's model id, e.g. `gpt-4o` or `anthropic.claude-sonnet-4-5-20250929-v1:0`. */
  id: string;
  /** The provider kind, e.g. `openai`, `bedrock`, `groq`. */
  provider: string;
  price: CatalogPrice;
  /** Tokens of prompt plus output the model can hold. */
  contextWindow: number;
  maxOutput?: number;
  /** Input modalities. */
  modalities: readonly Modality[];
  tools: boolean;
  /** Structured output (`response_format: json_schema`). */
  jsonSchema: boolean;
  /** An embedding model (serves /v1/embeddings only). */
  embeddings: boolean;
  /** Other ids the provider serves the same model under (aliases, `-latest` names). */
  aliases?: readonly string[];
  /** The pricing page the numbers were read from. */
  source: string;
  /** The day the numbers were read, `YYYY-MM-DD`. */
  asOf: string;
}

/** One row of a provider's table: the model id, its price and limits, and its features as words. */
export interface CatalogRow {
  id: string;
  price: CatalogPrice;
  context: number;
  maxOutput?: number;
  /** Space-separated: `image`, `audio`, `tools`, `json`, `embed`. */
  features: string;
  aliases?: readonly string[];
}

/** Turns a provider's rows into entries sharing its kind, pricing page and reading date. */
export function defineEntries(
  provider: string,
  page: { source: string; asOf: string },
  rows: readonly CatalogRow[],
): CatalogEntry[] {
  return rows.map((row) => {
    const features = new Set(row.features.split(/\s+/).filter(Boolean));
    const modalities: Modality[] = ['text'];
    if (features.has('image')) modalities.push('image');
    if (features.has('audio')) modalities.push('audio');
    return {
      id: row.id,
      provider,
      price: row.price,
      contextWindow: row.context,
      ...(row.maxOutput !== undefined && { maxOutput: row.maxOutput }),
      modalities,
      tools: features.has('tools'),
      jsonSchema: features.has('json'),
      embeddings: features.has('embed'),
      ...(row.aliases !== undefined && { aliases: row.aliases }),
      source: page.source,
      asOf: page.asOf,
    };
  });
}
