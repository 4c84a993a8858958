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

/** A configured provider as the catalog sees it: its name in strata.yaml and its kind. */
export interface CatalogProvider {
  readonly id: string;
  readonly kind: string;
}

/** Prices, limits and capabilities of known models, looked up by provider and model id. */
export interface Catalog {
  /**
   * The entry for a provider's model id, also for dated snapshots and Bedrock regional/ARN ids. Given a
   * configured provider, an entry written for its name wins over one for its kind; given a string, only
   * entries of that kind are searched.
   */
  find(provider: string | CatalogProvider, modelId: string): CatalogEntry | undefined;
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

/** Configured provider name → kind, for `createCatalog` to tell overrides for one provider from those for a kind. */
export function providerKinds(providers: Iterable<CatalogProvider>): Map<string, string> {
  return new Map([...providers].map((provider) => [provider.id, provider.kind]));
}

function lookupIn(
  index: Map<string, Map<string, CatalogEntry>>,
  provider: string,
  modelId: string,
): CatalogEntry | undefined {
  const byKey = index.get(provider);
  if (!byKey) return undefined;
  const key = normalize(modelId);
  const found = byKey.get(key) ?? byKey.get(undated(key));
  if (found) return found;
  // An ARN or a `models/…` path names the model in its last segment.
  const slash = modelId.lastIndexOf('/');
  return slash >= 0 ? lookupIn(index, provider, modelId.slice(slash + 1)) : undefined;
}

/**
 * Builds the catalog from the built-in table plus the `catalog.models` overrides of strata.yaml. An
 * override names a provider kind (it applies to every provider of that kind) or, given `providerKinds`
 * (configured name → kind), a configured provider: it then prices that provider alone, starting from
 * what its kind's entry for the model says.
 */
export function createCatalog(
  overrides: readonly CatalogOverride[] = [],
  providerKinds: ReadonlyMap<string, string> = new Map(),
): Catalog {
  const namedKind = (override: CatalogOverride) => {
    const kind = providerKinds.get(override.provider);
    return kind !== undefined && kind !== override.provider ? kind : undefined;
  };
  // Overrides replace or inherit from the entry of exactly their id, never a dated or undated relative.
  const exact = (from: readonly CatalogEntry[], provider: string, id: string) =>
    buildIndex(from).get(provider)?.get(normalize(id));
  const entries = [...builtinCatalog];
  for (const override of overrides.filter((each) => namedKind(each) === undefined)) {
    const existing = exact(entries, override.provider, override.id);
    const replacement = applyOverride(override, existing);
    const at = existing ? entries.indexOf(existing) : -1;
    if (at >= 0) entries[at] = replacement;
    else entries.push(replacement);
  }
  const index = buildIndex(entries);
  const named: CatalogEntry[] = [];
  for (const override of overrides) {
    const kind = namedKind(override);
    if (kind === undefined) continue;
    const earlier = exact(named, override.provider, override.id);
    const replacement = applyOverride(override, earlier ?? exact(entries, kind, override.id));
    if (earlier) named[named.indexOf(earlier)] = replacement;
    else named.push(replacement);
  }
  const namedIndex = buildIndex(named);

  return {
    find(provider, modelId) {
      if (typeof provider === 'string') return lookupIn(index, provider, modelId);
      return lookupIn(namedIndex, provider.id, modelId) ?? lookupIn(index, provider.kind, modelId);
    },
    list: () => [...entries, ...named],
    version: hashPrices([...entries, ...named]),
  };
}
