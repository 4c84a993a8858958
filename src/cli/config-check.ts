import { dirname } from 'node:path';
import { createCatalog } from '../models/catalog/catalog.js';
import { createModelRegistry } from '../models/model-registry.js';
import { buildProviders } from '../pipeline/providers.js';
import { compileRoutes } from '../routing/build-routes.js';
import { createVerifier } from '../routing/verifiers/create-verifier.js';
import { CliError, loadConfigOrFail } from './common.js';

/** `strata config check`: validates the config (providers can be built, routes name real models) without starting. */
export async function configCheckCommand(options: { config?: string }): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  const registry = createModelRegistry({ providers, models: config.models, aliases: config.aliases });
  const baseDirectory = options.config === undefined ? process.cwd() : dirname(options.config);
  const routes = await compileRoutes(config.routes, {
    registry,
    catalog: createCatalog(config.catalog.models),
    createVerifier: (verifier) => createVerifier(verifier, { baseDirectory }),
  });
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
