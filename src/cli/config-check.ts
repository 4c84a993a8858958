import { dirname } from 'node:path';
import { createCatalog } from '../models/catalog/catalog.js';
import { createModelRegistry } from '../models/model-registry.js';
import { buildProviders } from '../pipeline/providers.js';
import { compileRoutes } from '../routing/build-routes.js';
import { createVerifier } from '../routing/verifiers/create-verifier.js';
import { openDatabase, type Store } from '../store/database.js';
import { createRoutersRepository } from '../store/routers-repository.js';
import { CliError, loadConfigOrFail } from './common.js';

/** `strata config check`: validates the config (providers can be built, routes name real models) without starting. */
export async function configCheckCommand(options: { config?: string }): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  const registry = createModelRegistry({ providers, models: config.models, aliases: config.aliases });
  const baseDirectory = options.config === undefined ? process.cwd() : dirname(options.config);
  // The store is opened only when a `learned` balance needs its trained router looked up.
  let store: Store | undefined;
  const routes = await compileRoutes(config.routes, {
    registry,
    catalog: createCatalog(config.catalog.models),
    createVerifier: (verifier) => createVerifier(verifier, { baseDirectory }),
    load: async (name) => {
      store ??= await openDatabase({
        home: config.store.home,
        ...(config.store.database_url && { url: config.store.database_url }),
      });
      return createRoutersRepository(store.db).get(name);
    },
  }).finally(() => store?.close());
  if (!routes.ok) {
    const where = options.config ?? 'config';
    throw new CliError(
      `Invalid configuration:\n${routes.issues.map((issue) => `  - ${where}: ${issue}`).join('\n')}`,
    );
  }
  const routeCount = Object.keys(config.routes).length;
  console.log(
    `Config OK${options.config ? ` (${options.config})` : ' (defaults)'}: ${providers.size} provider(s), ${config.models.length} model(s), ${routeCount} route(s).`,
  );
}
