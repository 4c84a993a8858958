import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import { pricingView } from '../../models/catalog/catalog-pricing.js';
import type { ModelEntry } from '../../models/model-registry.js';
import type { Stack } from '../../pipeline/stack.js';
import { spendsNothing } from '../route-table.js';

const created = Math.floor(Date.now() / 1000);

function modelObject(entry: ModelEntry, stack: Stack, catalog: Catalog) {
  const provider = stack.providers.get(entry.provider);
  const known = provider === undefined ? undefined : catalog.find(provider, entry.model);
  return {
    id: entry.name,
    object: 'model' as const,
    created,
    owned_by: entry.provider,
    ...(known && { pricing: pricingView(known), context_window: known.contextWindow }),
  };
}

/** Configured names and aliases first, then each configured provider's catalog models as `provider/model`. */
function listModels(stack: Stack, catalog: Catalog): ModelEntry[] {
  const named = stack.models.list();
  const seen = new Set(named.map((entry) => entry.name));
  const fromCatalog: ModelEntry[] = [];
  for (const provider of stack.providers.values()) {
    for (const entry of catalog.list()) {
      const name = `${provider.id}/${entry.id}`;
      // The entry this provider is priced by for that id: its kind's, or one written for its name.
      if (catalog.find(provider, entry.id) !== entry || seen.has(name)) continue;
      seen.add(name);
      fromCatalog.push({ name, provider: provider.id, model: entry.id });
    }
  }
  return [...named, ...fromCatalog];
}

/** `GET /v1/models` and `GET /v1/models/{model}`: the names a client can send, with prices when known. */
export function modelsRoute(app: FastifyInstance, stack: Stack): void {
  const catalog = stack.catalog;
  app.get('/v1/models', spendsNothing, async () => ({
    object: 'list',
    data: listModels(stack, catalog).map((entry) => modelObject(entry, stack, catalog)),
  }));
  app.get<{ Params: { '*': string } }>('/v1/models/*', spendsNothing, async (request) => {
    const name = request.params['*'];
    const resolved = stack.models.resolve(name);
    if (!resolved)
      throw new StrataError('model_not_found', `The model \`${name}\` does not exist.`, { param: 'model' });
    return modelObject(
      { name, provider: resolved.provider.id, model: resolved.upstreamModel },
      stack,
      catalog,
    );
  });
}
