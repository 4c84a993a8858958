import { catalogOverrides } from '../config/catalog-overrides.js';
import { extractiveCatalogOverride } from '../knowledge/extractive-provider.js';
import {
  type Catalog,
  type CatalogProvider,
  createCatalog,
  providerKinds,
} from '../models/catalog/catalog.js';
import type { CatalogEntry } from '../models/catalog/catalog-entry.js';
import { pricingView } from '../models/catalog/catalog-pricing.js';
import { createModelRegistry } from '../models/model-registry.js';
import { buildProviders } from '../pipeline/providers.js';
import { loadConfigOrFail } from './common.js';

/** A configured provider's catalog model, named as clients send it. */
interface PricedModel {
  name: string;
  entry: CatalogEntry;
}

function pricedModels(providers: readonly CatalogProvider[], catalog: Catalog): PricedModel[] {
  return providers.flatMap((provider) =>
    catalog
      .list()
      // The entry this provider is priced by for that id: its kind's, or one written for its name.
      .filter((entry) => catalog.find(provider, entry.id) === entry)
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
  // The gateway adds the built-in local/extractive unless config names its own `local`; with no other
  // provider it is also the `default` alias.
  const builtin = !providers.has('local');
  const served: CatalogProvider[] = [
    ...providers.values(),
    ...(builtin ? [{ id: 'local', kind: 'local' }] : []),
  ];
  const models = createModelRegistry({ providers, models: config.models, aliases: config.aliases }).list();
  if (builtin && providers.size === 0 && config.aliases.default === undefined)
    models.push({ name: 'default', provider: 'local', model: 'extractive' });
  const catalog = createCatalog(
    [...(builtin ? [extractiveCatalogOverride] : []), ...catalogOverrides(config)],
    providerKinds(served),
  );
  const priced = pricedModels(served, catalog);
  if (options.json) {
    const catalogJson = priced.map(({ name, entry }) => ({
      name,
      pricing: pricingView(entry),
      context_window: entry.contextWindow,
    }));
    console.log(
      JSON.stringify({
        providers: served.map((p) => ({ id: p.id, kind: p.kind })),
        models,
        catalog: catalogJson,
        catalog_version: catalog.version,
      }),
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
  if (builtin)
    console.log(
      `  local  (built in: local/extractive answers from the \`${config.knowledge.default_kb}\` knowledge base, $0)`,
    );
  if (providers.size === 0)
    console.log(
      '\nNo upstream provider is configured: set OPENAI_API_KEY (or another provider key) or add providers to strata.yaml.',
    );
  if (models.length > 0) {
    console.log('\nModels and aliases:');
    for (const model of models) console.log(`  ${model.name}  ->  ${model.provider}/${model.model}`);
  }
}
