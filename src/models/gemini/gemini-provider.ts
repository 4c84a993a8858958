import { StrataError } from '../../core/errors.js';
import type { ChatRequest, ChatResponse, EmbeddingRequest, EmbeddingResponse } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import type { CallOptions, Provider, ProviderDeps } from '../provider.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { openUpstream } from '../upstream-request.js';
import { geminiUnsupportedParameters, toGeminiRequest } from './convert-request.js';
import { isGeminiResponse, toChatResponse } from './convert-response.js';
import { readEmbeddingValues, toEmbeddingBatches, toEmbeddingResponse } from './embeddings.js';
import { refineGeminiError, reportedGeminiError } from './gemini-error.js';
import { readGeminiChunks } from './stream.js';

/** The Generative Language API root Gemini is served from. */
export const defaultGeminiBaseURL = 'https://generativelanguage.googleapis.com/v1beta';

/** Settings of one Gemini provider instance. */
export interface GeminiOptions {
  /** The instance name from config. */
  id: string;
  apiKey: string;
  /** Defaults to the public Generative Language API. */
  baseURL?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Time limit per call (to the first byte for streams) unless the call sets its own. */
  timeoutMs?: number | undefined;
}

type Method = 'generateContent' | 'streamGenerateContent?alt=sse' | 'batchEmbedContents';

/** Builds a Provider that speaks Google's Gemini API (generateContent, streaming, batch embeddings). */
export function createGeminiProvider(options: GeminiOptions, deps: ProviderDeps = {}): Provider {
  const context: UpstreamContext = { provider: options.id, secrets: [options.apiKey] };
  const base = new URL(options.baseURL ?? defaultGeminiBaseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  // Reasoning models can think for minutes before answering.
  const timeoutMs = options.timeoutMs ?? 600_000;
  const headers = {
    ...options.headers,
    'content-type': 'application/json',
    'x-goog-api-key': options.apiKey,
  };

  function call(model: string, method: Method, body: object, callOptions: CallOptions) {
    // Config may name a model `models/gemini-…`, as Google's own listings do.
    const name = encodeURIComponent(model.replace(/^models\//, ''));
    return openUpstream({
      context,
      origin: base.origin,
      path: `${prefix}/models/${name}:${method}`,
      headers: { ...headers, accept: method.endsWith('sse') ? 'text/event-stream' : 'application/json' },
      body: JSON.stringify(body),
      dispatcher: deps.dispatcher,
      signal: callOptions.signal,
      timeoutMs: callOptions.timeoutMs ?? timeoutMs,
    }).catch((error: unknown) => {
      throw refineGeminiError(context, error);
    });
  }

  async function callJson(model: string, method: Method, body: object, callOptions: CallOptions) {
    const text = await (await call(model, method, body, callOptions)).text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw malformedResponseError(context, `the body is not JSON (${text.slice(0, 80)}).`, error);
    }
    if (isJsonObject(parsed) && parsed.error !== undefined && parsed.error !== null) {
      throw reportedGeminiError(context, text, parsed.error);
    }
    return parsed;
  }

  return {
    id: options.id,
    kind: 'gemini',
    capabilities: { embeddings: true, unsupportedParameters: geminiUnsupportedParameters },

    async chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResponse> {
      const parsed = await callJson(request.model, 'generateContent', toGeminiRequest(request), callOptions);
      if (!isGeminiResponse(parsed))
        throw malformedResponseError(context, 'the body is not a Gemini response.');
      const response = toChatResponse(parsed, request.model);
      if (response.choices.length === 0) throw malformedResponseError(context, 'the body has no candidates.');
      return response;
    },

    async stream(request: ChatRequest, callOptions: CallOptions = {}) {
      const body = toGeminiRequest(request);
      const upstream = await call(request.model, 'streamGenerateContent?alt=sse', body, callOptions);
      return readGeminiChunks(upstream, context, request.model);
    },

    async embed(request: EmbeddingRequest, callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      const model = request.model.replace(/^models\//, '');
      const vectors: number[][] = [];
      // One batch after another: order is kept, and a large input does not burst the rate limit.
      for (const batch of toEmbeddingBatches(request, model)) {
        const parsed = await callJson(model, 'batchEmbedContents', batch, callOptions);
        const values = readEmbeddingValues(parsed);
        if (values?.length !== batch.requests.length) {
          throw malformedResponseError(context, 'the body has no `embeddings` for every input.');
        }
        vectors.push(...values);
      }
      return toEmbeddingResponse(request, model, vectors);
    },
  };
}

/** Rejects a Gemini provider entry without an API key, naming where the key usually comes from. */
export function requireGeminiKey(id: string, apiKey: string | undefined): string {
  if (apiKey) return apiKey;
  throw new StrataError(
    'config_invalid',
    `Provider \`${id}\` (providers.${id}) needs \`api_key\` (usually from GEMINI_API_KEY or GOOGLE_API_KEY).`,
  );
}
