import { StrataError } from '../../core/errors.js';
import type { ChatRequest, ChatResponse, EmbeddingResponse } from '../../core/types.js';
import type { CallOptions, Provider, ProviderDeps } from '../provider.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { openUpstream, type UpstreamResponse } from '../upstream-request.js';
import { refineHttpError } from './anthropic-error.js';
import { convertRequest, unsupportedParameters } from './convert-request.js';
import { convertResponse } from './convert-response.js';
import { isMessagesResponse, type MessagesBody } from './messages-api.js';
import { readMessagesStream } from './stream.js';

/** The public API root. */
export const anthropicBaseURL = 'https://api.anthropic.com';

/** The API version every request pins, as Anthropic requires. */
export const anthropicVersion = '2023-06-01';

/** How to reach Anthropic's Messages API. */
export interface AnthropicOptions {
  /** The instance name from config. */
  id: string;
  apiKey: string;
  /** Defaults to the public API; point it at a proxy or a test server. */
  baseURL?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Time limit per call (to the first byte for streams) unless the call sets its own. */
  timeoutMs?: number | undefined;
}

// Long answers with extended thinking can take minutes; Anthropic's own SDK waits ten.
const defaultTimeoutMs = 600_000;

/** Builds a Provider that speaks OpenAI's chat shapes to Strata and Anthropic's Messages API upstream. */
export function createAnthropicProvider(options: AnthropicOptions, deps: ProviderDeps = {}): Provider {
  const context: UpstreamContext = { provider: options.id, secrets: [options.apiKey] };
  const base = new URL(options.baseURL ?? anthropicBaseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  // A base URL given as `…/v1` (as OpenAI-style configs are written) must not double the version.
  const path = prefix.endsWith('/v1') ? `${prefix}/messages` : `${prefix}/v1/messages`;
  const fixedHeaders = {
    ...options.headers,
    'content-type': 'application/json',
    'x-api-key': options.apiKey,
    'anthropic-version': anthropicVersion,
  };

  async function call(
    body: MessagesBody,
    callOptions: CallOptions,
    accept: string,
  ): Promise<UpstreamResponse> {
    try {
      return await openUpstream({
        context,
        origin: base.origin,
        path,
        headers: { ...fixedHeaders, accept },
        body: JSON.stringify(body),
        dispatcher: deps.dispatcher,
        signal: callOptions.signal,
        timeoutMs: callOptions.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs,
      });
    } catch (error) {
      throw refineHttpError(error);
    }
  }

  return {
    id: options.id,
    kind: 'anthropic',
    capabilities: { embeddings: false, unsupportedParameters },

    async chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResponse> {
      const converted = convertRequest(request);
      const upstream = await call(converted.body, callOptions, 'application/json');
      const parsed = await readJson(upstream, context);
      if (!isMessagesResponse(parsed)) {
        throw malformedResponseError(context, 'the body is not a Messages answer (no `content` array).');
      }
      return convertResponse(parsed, { ...converted, created: nowSeconds() });
    },

    async stream(request: ChatRequest, callOptions: CallOptions = {}) {
      const converted = convertRequest(request);
      const body = { ...converted.body, stream: true };
      const upstream = await call(body, callOptions, 'text/event-stream');
      return readMessagesStream(upstream, context, { ...converted, created: nowSeconds() });
    },

    async embed(): Promise<EmbeddingResponse> {
      throw new StrataError('invalid_request', `${options.id} (Anthropic) does not offer embeddings.`, {
        param: 'model',
      });
    },
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function readJson(upstream: UpstreamResponse, context: UpstreamContext): Promise<unknown> {
  const text = await upstream.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw malformedResponseError(context, `the body is not JSON (${preview}).`, error);
  }
}
