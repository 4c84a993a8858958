import { dirname } from 'node:path';
import { catalogOverrides } from '../config/catalog-overrides.js';
import { createCatalog, providerKinds } from '../models/catalog/catalog.js';
import { createModelRegistry } from '../models/model-registry.js';
import { buildProviders } from '../pipeline/providers.js';
import { compileRoutes } from '../routing/build-routes.js';
import { createVerifier } from '../routing/verifiers/create-verifier.js';
import { openDatabase, type Store } from '../store/database.js';
import { createKeysRepository } from '../store/keys-repository.js';
import { createRoutersRepository } from '../store/routers-repository.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { configKeyNames, danglingReferences, keyReferences } from './config-references.js';

/**
 * `strata config check`: validates the config without starting: providers can be built, routes name
 * real models, and every budget, rate limit, route condition, fallback, alias and catalog entry refers
 * to something that exists.
 */
export async function configCheckCommand(options: { config?: string }): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  const registry = createModelRegistry({ providers, models: config.models, aliases: config.aliases });
  const baseDirectory = options.config === undefined ? process.cwd() : dirname(options.config);
  // The gateway serves the built-in local/extractive unless config names its own `local`.
  const builtin = !providers.has('local');
  const served = [...providers.values(), ...(builtin ? [{ id: 'local', kind: 'local' }] : [])];
  // The store is opened only when a `learned` balance or an API key named in config must be looked up.
  let store: Store | undefined;
  const openStore = async () => {
    store ??= await openingStore(config, () =>
      openDatabase({
        home: config.store.home,
        ...(config.store.database_url && { url: config.store.database_url }),
      }),
    );
    return store;
  };
  try {
    const routes = await compileRoutes(config.routes, {
      registry,
      catalog: createCatalog(catalogOverrides(config), providerKinds(served)),
      createVerifier: (verifier) => createVerifier(verifier, { baseDirectory }),
      load: async (name) => createRoutersRepository((await openStore()).db).get(name),
    });
    const keys = configKeyNames(config);
    if (keyReferences(config).some(({ key }) => !keys.has(key))) {
      for (const key of await createKeysRepository((await openStore()).db).list())
        if (key.revokedAt === null) keys.add(key.id).add(key.name);
    }
    const builtinModel = (name: string) =>
      builtin && (name === 'local/extractive' || config.aliases[name] === 'local/extractive');
    const dangling = danglingReferences(config, {
      key: (name) => keys.has(name),
      model: (name) => name in config.routes || registry.resolve(name) !== undefined || builtinModel(name),
      providers: served,
    });
    const issues = [...(routes.ok ? [] : routes.issues), ...dangling];
    if (issues.length > 0) {
      const where = options.config ?? 'config';
      throw new CliError(
        `Invalid configuration:\n${issues.map((issue) => `  - ${where}: ${issue}`).join('\n')}`,
      );
    }
  } finally {
    await store?.close();
  }
  const routeCount = Object.keys(config.routes).length;
  console.log(
    `Config OK${options.config ? ` (${options.config})` : ' (defaults)'}: ${providers.size} provider(s), ${config.models.length} model(s), ${routeCount} route(s).`,
  );
}
