import type { Dispatcher } from 'undici';
import type { Environment } from '../config/env.js';
import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import { createProvider, providersFromEnvironment } from '../models/create-provider.js';
import type { Provider } from '../models/provider.js';

/**
 * Instantiates every provider: those in config, plus each kind whose conventional variables
 * (OPENAI_API_KEY, GROQ_API_KEY, …) are set and that config does not already name.
 */
export function buildProviders(
  config: Config,
  environment: Environment,
  dispatcher?: Dispatcher,
): Map<string, Provider> {
  const deps = dispatcher ? { dispatcher } : {};
  const providers = new Map<string, Provider>();
  // What the environment says of each kind fills in what a config entry of that kind leaves out.
  const fromEnvironment = providersFromEnvironment(environment.variables);
  const defaultsByKind = new Map(fromEnvironment);
  for (const [id, settings] of Object.entries(config.providers)) {
    const defaults = defaultsByKind.get(settings.kind ?? id);
    providers.set(id, createProvider(id, { ...defaults, ...withoutUndefined(settings) }, deps));
  }
  for (const [id, settings] of fromEnvironment) {
    if (!providers.has(id)) providers.set(id, createProvider(id, settings, deps));
  }
  config.models.forEach((model, index) => {
    if (providers.has(model.provider)) return;
    throw new StrataError(
      'config_invalid',
      `models[${index}].provider: \`${model.provider}\` is not a configured provider (configured: ${[...providers.keys()].join(', ') || 'none'}); add it under providers or set its API key variable`,
    );
  });
  return providers;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
