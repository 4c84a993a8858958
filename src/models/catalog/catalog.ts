import { createHash } from 'node:crypto';
import { builtinCatalog } from './catalog-data/index.js';
import type { CatalogEntry, CatalogPrice, Modality } from './catalog-entry.js';

/** One `catalog.models` item of strata.yaml: replaces the entry it names, or adds a model. */
export interface CatalogOverride {
  provider: string;
  id: string;
  input: number;
  output: number;
  cached_input?: number | undefined;
  cache_write?: number | undefined;
  reasoning?: number | undefined;
  context_window?: number | undefined;
  max_output?: number | undefined;
  tools?: boolean | undefined;
  images?: boolean | undefined;
  json_schema?: boolean | undefined;
}

/** Prices, limits and capabilities of known models, looked up by provider kind and model id. */
export interface Catalog {
  /** The entry for a provider's model id, also for dated snapshots and Bedrock regional/ARN ids. */
  find(provider: string, modelId: string): CatalogEntry | undefined;
  list(): CatalogEntry[];
  /** A stable hash of every price in the table; it changes whenever a price does. */
  readonly version: string;
}

const regionPrefix = /^(us|eu|apac|ap|au|ca|jp|global|us-gov)\./;

/** Lower case, without a Bedrock region prefix or its `:0` revision. */
function normalize(modelId: string): string {
  return modelId.toLowerCase().replace(regionPrefix, '').replace(/:\d+$/, '');
}

/** Without a trailing snapshot date (`-2024-08-06`, `-20250929`, `-20250929-v1`). */
function undated(key: string): string {
  return key.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})(-v\d+)?$/, '');
}

function priceFrom(override: CatalogOverride): CatalogPrice {
  return {
    input: override.input,
    output: override.output,
    ...(override.cached_input !== undefined && { cachedInput: override.cached_input }),
    ...(override.cache_write !== undefined && { cacheWrite: override.cache_write }),
    ...(override.reasoning !== undefined && { reasoning: override.reasoning }),
  };
}

function applyOverride(override: CatalogOverride, existing: CatalogEntry | undefined): CatalogEntry {
  const images = override.images ?? existing?.modalities.includes('image') ?? false;
  const modalities: Modality[] = (existing?.modalities ?? ['text']).filter((m) => m !== 'image');
  if (images) modalities.push('image');
  const maxOutput = override.max_output ?? existing?.maxOutput;
  return {
    id: existing?.id ?? override.id,
    provider: override.provider,
    price: priceFrom(override),
    contextWindow: override.context_window ?? existing?.contextWindow ?? 128_000,
    ...(maxOutput !== undefined && { maxOutput }),
    modalities,
    tools: override.tools ?? existing?.tools ?? false,
    jsonSchema: override.json_schema ?? existing?.jsonSchema ?? false,
    embeddings: existing?.embeddings ?? false,
    ...(existing?.aliases !== undefined && { aliases: existing.aliases }),
    source: 'strata.yaml',
    asOf: existing?.asOf ?? new Date().toISOString().slice(0, 10),
  };
}

/** The price fields in a fixed order, so the hash does not depend on how an entry was written. */
function canonicalPrice(price: CatalogPrice): unknown[] {
  const tiers = (price.tiers ?? []).map((tier) => [tier.aboveInputTokens, ...canonicalPrice(tier)]);
  return [price.input, price.output, price.cachedInput, price.cacheWrite, price.reasoning, tiers];
}

function hashPrices(entries: readonly CatalogEntry[]): string {
  const rows = entries
    .map((entry) => JSON.stringify([entry.provider, entry.id, canonicalPrice(entry.price)]))
    .sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
}

function buildIndex(entries: readonly CatalogEntry[]): Map<string, Map<string, CatalogEntry>> {
  const index = new Map<string, Map<string, CatalogEntry>>();
  const keysOf = (entry: CatalogEntry) => [entry.id, ...(entry.aliases ?? [])].map(normalize);
  for (const entry of entries) {
    const byKey = index.get(entry.provider) ?? new Map<string, CatalogEntry>();
    index.set(entry.provider, byKey);
    for (const key of keysOf(entry)) byKey.set(key, entry);
  }
  // Undated names come second, so an exact id or alias always wins over a snapshot's family name.
  for (const entry of entries) {
    const byKey = index.get(entry.provider);
    for (const key of keysOf(entry)) if (byKey && !byKey.has(undated(key))) byKey.set(undated(key), entry);
  }
  return index;
}

/** Builds the catalog from the built-in table plus the `catalog.models` overrides of strata.yaml. */
export function createCatalog(overrides: readonly CatalogOverride[] = []): Catalog {
  const entries = [...builtinCatalog];
  for (const override of overrides) {
    const existing = buildIndex(entries).get(override.provider)?.get(normalize(override.id));
    const replacement = applyOverride(override, existing);
    const at = existing ? entries.indexOf(existing) : -1;
    if (at >= 0) entries[at] = replacement;
    else entries.push(replacement);
  }
  const index = buildIndex(entries);

  function lookup(provider: string, modelId: string): CatalogEntry | undefined {
    const byKey = index.get(provider);
    if (!byKey) return undefined;
    const key = normalize(modelId);
    return byKey.get(key) ?? byKey.get(undated(key));
  }

  return {
    find(provider, modelId) {
      const found = lookup(provider, modelId);
      if (found) return found;
      // An ARN or a `models/…` path names the model in its last segment.
      const slash = modelId.lastIndexOf('/');
      return slash >= 0 ? lookup(provider, modelId.slice(slash + 1)) : undefined;
    },
    list: () => [...entries],
    version: hashPrices(entries),
  };
}
