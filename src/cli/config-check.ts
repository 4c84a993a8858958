import { buildProviders } from '../pipeline/providers.js';
import { loadConfigOrFail } from './common.js';

/** `strata config check`: validates the config (and that every provider can be built) without starting. */
export async function configCheckCommand(options: { config?: string }): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  console.log(
    `Config OK${options.config ? ` (${options.config})` : ' (defaults)'}: ${providers.size} provider(s), ${config.models.length} model(s).`,
  );
}
