import type { CatalogEntry } from './catalog-entry.js';

/** The price of a model as `GET /v1/models` shows it: USD per million tokens. */
export interface PricingView {
  input: number;
  output: number;
  cached_input?: number;
}

/** A catalog entry's base price (below any long-context tier) in the wire shape. */
export function pricingView(entry: CatalogEntry): PricingView {
  const { input, output, cachedInput } = entry.price;
  return { input, output, ...(cachedInput !== undefined && { cached_input: cachedInput }) };
}
