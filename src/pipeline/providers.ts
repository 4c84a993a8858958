import type { Dispatcher } from 'undici';
import type { Environment } from '../config/env.js';
import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import { createProvider } from '../models/create-provider.js';
import { findOpenAIPreset, openAIPresets } from '../models/presets.js';
import type { Provider } from '../models/provider.js';

/**
 * Instantiates every provider: those in config, plus each hosted preset whose conventional key variable
 * (OPENAI_API_KEY, GROQ_API_KEY, …) is set and that config does not already name.
 */
export function buildProviders(
  config: Config,
  environment: Environment,
  dispatcher?: Dispatcher,
): Map<string, Provider> {
  const deps = dispatcher ? { dispatcher } : {};
  const providers = new Map<string, Provider>();
  for (const [id, settings] of Object.entries(config.providers)) {
    const presetKey = findOpenAIPreset(settings.kind ?? id)?.apiKeyEnv;
    const apiKey = settings.api_key ?? (presetKey && environment.variables[presetKey]);
    providers.set(id, createProvider(id, { ...settings, ...(apiKey && { api_key: apiKey }) }, deps));
  }
  for (const id of Object.keys(openAIPresets)) {
    const keyVariable = findOpenAIPreset(id)?.apiKeyEnv;
    const apiKey = keyVariable && environment.variables[keyVariable];
    if (!apiKey || providers.has(id)) continue;
    providers.set(id, createProvider(id, { kind: id, api_key: apiKey }, deps));
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
