import { StrataError } from '../core/errors.js';
import { createAnthropicProvider } from './anthropic/anthropic-provider.js';
import { createAzureOpenAIProvider } from './azure-openai.js';
import { bedrockSettingsFromEnvironment, createBedrockFromSettings } from './bedrock/bedrock-settings.js';
import { createGeminiProvider, requireGeminiKey } from './gemini/gemini-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';
import { findOpenAIPreset, openAIPresets } from './presets.js';
import type { Provider, ProviderDeps } from './provider.js';
import { createReplayProvider } from './replay/replay-provider.js';

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
  /** AWS Bedrock only: the region and credentials requests are signed with. */
  region?: string | undefined;
  aws_access_key_id?: string | undefined;
  aws_secret_access_key?: string | undefined;
  aws_session_token?: string | undefined;
  /** Replay only: the routing-outcomes JSONL file the recorded answers come from. */
  data?: string | undefined;
}

/** Builds one kind of provider that has an adapter of its own (not an OpenAI-compatible preset). */
type NativeFactory = (id: string, settings: ProviderSettings, deps: ProviderDeps) => Provider;

/** Kinds with an adapter of their own; each adapter adds its entry here. */
const nativeKinds: Record<string, NativeFactory> = {
  anthropic: (id, settings, deps) => {
    if (!settings.api_key) throw invalid(id, 'needs `api_key` (usually from ANTHROPIC_API_KEY).');
    const { base_url: baseURL, headers, timeout_ms: timeoutMs } = settings;
    return createAnthropicProvider({ id, apiKey: settings.api_key, baseURL, headers, timeoutMs }, deps);
  },
  bedrock: (id, settings, deps) => createBedrockFromSettings(id, settings, deps),
  gemini: (id, settings, deps) =>
    createGeminiProvider(
      {
        id,
        apiKey: requireGeminiKey(id, settings.api_key),
        baseURL: settings.base_url,
        headers: settings.headers,
        timeoutMs: settings.timeout_ms,
      },
      deps,
    ),
  azure: (id, settings, deps) => {
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
  },
  'openai-compatible': (id, settings, deps) => {
    if (!settings.base_url) throw invalid(id, 'needs `base_url` for kind `openai-compatible`.');
    return createOpenAICompatibleProvider(
      {
        id,
        kind: 'openai-compatible',
        baseURL: settings.base_url,
        apiKey: settings.api_key,
        headers: settings.headers ?? {},
        timeoutMs: settings.timeout_ms,
      },
      deps,
    );
  },
  replay: (id, settings, deps) => {
    if (!settings.data) {
      throw invalid(id, `needs \`data\` (providers.${id}.data): the path of a routing-outcomes JSONL file.`);
    }
    return createReplayProvider({ id, dataPath: settings.data }, deps);
  },
};

/**
 * Native kinds that the environment alone can enable, as provider id and settings: the kind is enabled
 * when `settings` returns something. OpenAI-compatible presets carry their own `apiKeyEnv`.
 */
const nativeEnvironment: Record<
  string,
  (variables: Readonly<Record<string, string | undefined>>) => ProviderSettings | undefined
> = {
  anthropic: (variables) =>
    variables.ANTHROPIC_API_KEY ? { kind: 'anthropic', api_key: variables.ANTHROPIC_API_KEY } : undefined,
  bedrock: bedrockSettingsFromEnvironment,
  gemini: (variables) => {
    const apiKey = variables.GEMINI_API_KEY || variables.GOOGLE_API_KEY;
    return apiKey ? { kind: 'gemini', api_key: apiKey } : undefined;
  },
};

/** Every kind `createProvider` understands. */
export const providerKinds: readonly string[] = [...Object.keys(openAIPresets), ...Object.keys(nativeKinds)];

/** Providers enabled by their conventional environment variables alone (OPENAI_API_KEY, …), by id. */
export function providersFromEnvironment(
  variables: Readonly<Record<string, string | undefined>>,
): Array<[string, ProviderSettings]> {
  const found: Array<[string, ProviderSettings]> = [];
  for (const id of Object.keys(openAIPresets)) {
    const keyVariable = findOpenAIPreset(id)?.apiKeyEnv;
    const apiKey = keyVariable && variables[keyVariable];
    if (apiKey) found.push([id, { kind: id, api_key: apiKey }]);
  }
  for (const [id, fromVariables] of Object.entries(nativeEnvironment)) {
    const settings = fromVariables(variables);
    if (settings) found.push([id, settings]);
  }
  return found;
}

/** Builds the provider instance `id` from its settings; a bad entry throws `config_invalid` naming the fix. */
export function createProvider(id: string, settings: ProviderSettings, deps: ProviderDeps = {}): Provider {
  const kind = settings.kind ?? (providerKinds.includes(id) ? id : undefined);
  if (kind === undefined) {
    throw invalid(id, `has no \`kind\`; set one of: ${providerKinds.join(', ')}.`);
  }
  const native = nativeKinds[kind];
  if (native) return native(id, settings, deps);
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
