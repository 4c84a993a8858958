import { StrataError } from '../core/errors.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';
import type { Provider, ProviderDeps } from './provider.js';

/** The newest generally available data-plane version of Azure OpenAI's dated inference API. */
export const defaultAzureApiVersion = '2024-10-21';

/** How to reach one Azure OpenAI resource. */
export interface AzureOpenAIOptions {
  id: string;
  /** The resource name, giving `https://{resource}.openai.azure.com/openai`. */
  resource?: string | undefined;
  /** A full endpoint instead of `resource`, e.g. `https://x.openai.azure.com` or a private proxy. */
  baseURL?: string | undefined;
  apiKey: string;
  apiVersion?: string | undefined;
  /** Model name → deployment name; a model without an entry is its own deployment name. */
  deployments?: Readonly<Record<string, string>> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  timeoutMs?: number | undefined;
}

/** Builds a Provider for Azure OpenAI: deployment in the path, `api-version` in the query, `api-key` header. */
export function createAzureOpenAIProvider(options: AzureOpenAIOptions, deps: ProviderDeps = {}): Provider {
  const deployments = options.deployments ?? {};
  return createOpenAICompatibleProvider(
    {
      id: options.id,
      kind: 'azure',
      baseURL: azureRoot(options),
      apiKey: options.apiKey,
      auth: { type: 'header', name: 'api-key' },
      headers: options.headers ?? {},
      query: { 'api-version': options.apiVersion ?? defaultAzureApiVersion },
      embeddings: true,
      supportsStreamUsage: true,
      timeoutMs: options.timeoutMs,
      path: (endpoint, model) =>
        `/deployments/${encodeURIComponent(deployments[model] ?? model)}/${endpoint}`,
    },
    deps,
  );
}

/** The `…/openai` root every deployment path hangs from. */
function azureRoot(options: AzureOpenAIOptions): string {
  if (options.baseURL !== undefined) {
    if (!URL.canParse(options.baseURL)) {
      throw new StrataError('config_invalid', `Provider \`${options.id}\` has an invalid \`base_url\`.`);
    }
    const url = new URL(options.baseURL);
    // Azure hands out endpoints without the `/openai` segment; a bare host means "the standard layout".
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/openai';
    return url.toString().replace(/\/+$/, '');
  }
  if (options.resource !== undefined && options.resource !== '') {
    return `https://${options.resource}.openai.azure.com/openai`;
  }
  throw new StrataError(
    'config_invalid',
    `Provider \`${options.id}\` (azure) needs \`base_url\` (e.g. https://my-resource.openai.azure.com) or a resource name.`,
  );
}
