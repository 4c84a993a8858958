import { StrataError } from '../core/errors.js';
import { rememberRawJson } from '../core/raw-json.js';
import type { ChatRequest, ChatResponse, EmbeddingRequest, EmbeddingResponse } from '../core/types.js';
import { embedInBatches } from './embedding-batches.js';
import { isChatResponse, isEmbeddingResponse, isJsonObject } from './openai-shapes.js';
import { readChatChunks } from './openai-stream.js';
import type { CallOptions, Provider, ProviderDeps } from './provider.js';
import { malformedResponseError, reportedUpstreamError, type UpstreamContext } from './upstream-error.js';
import { openUpstream, type UpstreamResponse } from './upstream-request.js';

/** The OpenAI endpoints an adapter calls. */
export type OpenAIEndpoint = 'chat/completions' | 'embeddings';

/** How the API key travels: `Authorization: Bearer <key>`, or the raw key in a named header. */
export type AuthStyle = { type: 'bearer' } | { type: 'header'; name: string };

/** Everything that distinguishes one OpenAI-compatible upstream from another. */
export interface OpenAICompatibleOptions {
  /** The instance name from config. */
  id: string;
  /** The adapter kind reported to the rest of Strata, e.g. `groq`. */
  kind: string;
  /** The API root, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /** Omit for local servers that need no key. */
  apiKey?: string | undefined;
  auth?: AuthStyle;
  headers?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  unsupportedParameters?: readonly string[];
  embeddings?: boolean;
  /** Most inputs one embeddings call may carry; larger requests are split (OpenAI allows 2048). */
  embeddingBatchSize?: number;
  /** Whether the upstream accepts `stream_options: {include_usage: true}`. */
  supportsStreamUsage?: boolean;
  /** Time limit per call (to the first byte for streams) unless the call sets its own. */
  timeoutMs?: number | undefined;
  /** Maps an endpoint and model to the path under `baseURL`; Azure puts the deployment here. */
  path?: (endpoint: OpenAIEndpoint, model: string) => string;
}

const defaults = {
  auth: { type: 'bearer' },
  headers: {},
  query: {},
  unsupportedParameters: [],
  embeddings: true,
  supportsStreamUsage: true,
  embeddingBatchSize: 2048,
  // Reasoning models can think for minutes before answering; OpenAI's own SDK waits ten.
  timeoutMs: 600_000,
  path: (endpoint: OpenAIEndpoint) => `/${endpoint}`,
} satisfies Omit<Required<OpenAICompatibleOptions>, 'id' | 'kind' | 'baseURL' | 'apiKey'>;

/** Builds a Provider for any upstream that speaks OpenAI's Chat Completions and Embeddings APIs. */
export function createOpenAICompatibleProvider(
  options: OpenAICompatibleOptions,
  deps: ProviderDeps = {},
): Provider {
  const settings = {
    auth: options.auth ?? defaults.auth,
    headers: options.headers ?? defaults.headers,
    query: options.query ?? defaults.query,
    unsupportedParameters: options.unsupportedParameters ?? defaults.unsupportedParameters,
    embeddings: options.embeddings ?? defaults.embeddings,
    supportsStreamUsage: options.supportsStreamUsage ?? defaults.supportsStreamUsage,
    embeddingBatchSize: options.embeddingBatchSize ?? defaults.embeddingBatchSize,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    path: options.path ?? defaults.path,
  };
  const context: UpstreamContext = {
    provider: options.id,
    secrets: options.apiKey === undefined ? [] : [options.apiKey],
  };
  const base = new URL(options.baseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  const search = new URLSearchParams(settings.query).toString();

  // Built once: only `accept` differs between calls.
  const fixedHeaders = {
    ...settings.headers,
    'content-type': 'application/json',
    ...authHeaders(settings.auth, options.apiKey),
  };
  const headersFor = {
    json: { ...fixedHeaders, accept: 'application/json' },
    stream: { ...fixedHeaders, accept: 'text/event-stream' },
  };

  function call(
    endpoint: OpenAIEndpoint,
    model: string,
    body: object,
    callOptions: CallOptions,
    headers: Record<string, string>,
  ) {
    return openUpstream({
      context,
      origin: base.origin,
      path: `${prefix}${settings.path(endpoint, model)}${search === '' ? '' : `?${search}`}`,
      headers,
      body: JSON.stringify(body),
      dispatcher: deps.dispatcher,
      signal: callOptions.signal,
      timeoutMs: callOptions.timeoutMs ?? settings.timeoutMs,
    });
  }

  function rejectUnsupported(request: object): void {
    for (const parameter of settings.unsupportedParameters) {
      const value = (request as Record<string, unknown>)[parameter];
      if (value === undefined || value === null) continue;
      if (parameter === 'n' && typeof value === 'number' && value <= 1) continue;
      throw new StrataError('unsupported_parameter', `${options.id} does not support \`${parameter}\``, {
        param: parameter,
      });
    }
  }

  return {
    id: options.id,
    kind: options.kind,
    capabilities: { embeddings: settings.embeddings, unsupportedParameters: settings.unsupportedParameters },

    async chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResponse> {
      rejectUnsupported(request);
      const { stream: _stream, stream_options: _streamOptions, ...body } = request;
      const upstream = await call('chat/completions', request.model, body, callOptions, headersFor.json);
      const text = await upstream.text();
      const parsed = parseJson(text, context);
      if (!isChatResponse(parsed)) throw unusableBody(parsed, context, 'the body has no `choices` array.');
      return rememberRawJson(parsed, text);
    },

    async stream(request: ChatRequest, callOptions: CallOptions = {}) {
      rejectUnsupported(request);
      const streamOptions = settings.supportsStreamUsage
        ? { ...request.stream_options, include_usage: true }
        : request.stream_options;
      const body = {
        ...request,
        stream: true,
        ...(streamOptions === undefined ? {} : { stream_options: streamOptions }),
      };
      const upstream = await call('chat/completions', request.model, body, callOptions, headersFor.stream);
      return readChatChunks(upstream, context);
    },

    async embed(request: EmbeddingRequest, callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      if (!settings.embeddings) {
        throw new StrataError('invalid_request', `${options.id} does not offer embeddings.`, {
          param: 'model',
        });
      }
      rejectUnsupported(request);
      return embedInBatches(request, settings.embeddingBatchSize, async (batch) => {
        const upstream = await call('embeddings', batch.model, batch, callOptions, headersFor.json);
        const parsed = await readJson(upstream, context);
        if (!isEmbeddingResponse(parsed))
          throw unusableBody(parsed, context, 'the body has no `data` array.');
        return parsed;
      });
    },
  };
}

function authHeaders(auth: AuthStyle, apiKey: string | undefined): Record<string, string> {
  if (apiKey === undefined || apiKey === '') return {};
  return auth.type === 'bearer'
    ? { authorization: `Bearer ${apiKey}` }
    : { [auth.name.toLowerCase()]: apiKey };
}

/** Some servers answer 200 with an error object; report that as the upstream failure it is. */
function unusableBody(parsed: unknown, context: UpstreamContext, detail: string): StrataError {
  if (isJsonObject(parsed) && parsed.error !== undefined && parsed.error !== null) {
    return reportedUpstreamError(context, JSON.stringify(parsed));
  }
  return malformedResponseError(context, detail);
}

async function readJson(upstream: UpstreamResponse, context: UpstreamContext): Promise<unknown> {
  return parseJson(await upstream.text(), context);
}

function parseJson(text: string, context: UpstreamContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw malformedResponseError(context, `the body is not JSON (${preview}).`, error);
  }
}
