import { createCatalog } from '../models/catalog/catalog.js';
import type { CatalogEntry } from '../models/catalog/catalog-entry.js';
import { pricingView } from '../models/catalog/catalog-pricing.js';
import { createModelRegistry } from '../models/model-registry.js';
import type { Provider } from '../models/provider.js';
import { buildProviders } from '../pipeline/providers.js';
import { loadConfigOrFail } from './common.js';

/** A configured provider's catalog model, named as clients send it. */
interface PricedModel {
  name: string;
  entry: CatalogEntry;
}

function pricedModels(
  providers: ReadonlyMap<string, Provider>,
  entries: readonly CatalogEntry[],
): PricedModel[] {
  return [...providers.values()].flatMap((provider) =>
    entries
      .filter((entry) => entry.provider === provider.kind)
      .map((entry) => ({ name: `${provider.id}/${entry.id}`, entry })),
  );
}

const dollars = (value: number | undefined) => (value === undefined ? '-' : `$${value}`);

function printPricingTable(models: readonly PricedModel[]): void {
  const header = ['model', 'input $/1M', 'output $/1M', 'cached $/1M', 'context'];
  const rows = models.map(({ name, entry }) => [
    name,
    dollars(entry.price.input),
    dollars(entry.price.output),
    dollars(entry.price.cachedInput),
    entry.contextWindow.toLocaleString('en-US'),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** `strata models`: the providers configured and the model names clients can send; `--pricing` adds prices. */
export async function modelsCommand(options: {
  config?: string;
  json: boolean;
  pricing?: boolean;
}): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  const models = createModelRegistry({ providers, models: config.models, aliases: config.aliases }).list();
  const catalog = createCatalog(config.catalog.models);
  const priced = pricedModels(providers, catalog.list());
  if (options.json) {
    const catalogJson = priced.map(({ name, entry }) => ({
      name,
      pricing: pricingView(entry),
      context_window: entry.contextWindow,
    }));
    console.log(
      JSON.stringify({
        providers: [...providers.values()].map((p) => ({ id: p.id, kind: p.kind })),
        models,
        catalog: catalogJson,
        catalog_version: catalog.version,
      }),
    );
    return;
  }
  if (providers.size === 0) {
    console.log(
      'No providers configured. Set OPENAI_API_KEY (or another provider key) or add providers to strata.yaml.',
    );
    return;
  }
  if (options.pricing) {
    if (priced.length === 0) console.log('The catalog knows no models of the configured providers.');
    else printPricingTable(priced);
    return;
  }
  console.log('Providers (any of their models is reachable as provider/model):');
  for (const provider of providers.values()) console.log(`  ${provider.id}  (${provider.kind})`);
  if (models.length > 0) {
    console.log('\nModels and aliases:');
    for (const model of models) console.log(`  ${model.name}  ->  ${model.provider}/${model.model}`);
  }
}
