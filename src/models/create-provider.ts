import { StrataError } from '../core/errors.js';
import { createAzureOpenAIProvider } from './azure-openai.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';
import { findOpenAIPreset, openAIPresets } from './presets.js';
import type { Provider, ProviderDeps } from './provider.js';

/** One provider entry as the config layer produces it (snake_case, as written in `strata.yaml`). */
export interface ProviderSettings {
  /** A preset name (`openai`, `groq`, …), `openai-compatible` or `azure`; defaults to the provider id. */
  kind?: string | undefined;
  base_url?: string | undefined;
  api_key?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** Azure only: the `api-version` query parameter. */
  api_version?: string | undefined;
  /** Azure only: model name → deployment name. */
  deployments?: Record<string, string> | undefined;
  timeout_ms?: number | undefined;
}

/** Every kind `createProvider` understands. */
export const providerKinds: readonly string[] = [...Object.keys(openAIPresets), 'openai-compatible', 'azure'];

/** Builds the provider instance `id` from its settings; a bad entry throws `config_invalid` naming the fix. */
export function createProvider(id: string, settings: ProviderSettings, deps: ProviderDeps = {}): Provider {
  const kind = settings.kind ?? (providerKinds.includes(id) ? id : undefined);
  if (kind === undefined) {
    throw invalid(id, `has no \`kind\`; set one of: ${providerKinds.join(', ')}.`);
  }
  if (kind === 'azure') {
    if (!settings.api_key) throw invalid(id, 'needs `api_key` (the Azure OpenAI resource key).');
    if (!settings.base_url) throw invalid(id, 'needs `base_url`, e.g. https://my-resource.openai.azure.com.');
    return createAzureOpenAIProvider(
      {
        id,
        baseURL: settings.base_url,
        apiKey: settings.api_key,
        apiVersion: settings.api_version,
        deployments: settings.deployments,
        headers: settings.headers,
        timeoutMs: settings.timeout_ms,
      },
      deps,
    );
  }
  if (kind === 'openai-compatible') {
    if (!settings.base_url) throw invalid(id, 'needs `base_url` for kind `openai-compatible`.');
    return createOpenAICompatibleProvider(
      {
        id,
        kind,
        baseURL: settings.base_url,
        apiKey: settings.api_key,
        headers: settings.headers ?? {},
        timeoutMs: settings.timeout_ms,
      },
      deps,
    );
  }
  const preset = findOpenAIPreset(kind);
  if (preset === undefined) {
    throw invalid(id, `has unknown kind \`${kind}\`; known kinds: ${providerKinds.join(', ')}.`);
  }
  if (preset.needsKey && !settings.api_key) {
    const hint = preset.apiKeyEnv === undefined ? '' : ` (usually from ${preset.apiKeyEnv})`;
    throw invalid(id, `needs \`api_key\`${hint}.`);
  }
  return createOpenAICompatibleProvider(
    {
      id,
      kind: preset.kind,
      baseURL: settings.base_url ?? preset.baseURL,
      apiKey: settings.api_key,
      headers: settings.headers ?? {},
      unsupportedParameters: preset.unsupportedParameters,
      embeddings: preset.embeddings,
      supportsStreamUsage: preset.supportsStreamUsage,
      timeoutMs: settings.timeout_ms,
    },
    deps,
  );
}

function invalid(id: string, problem: string): StrataError {
  return new StrataError('config_invalid', `Provider \`${id}\` (providers.${id}) ${problem}`);
}
