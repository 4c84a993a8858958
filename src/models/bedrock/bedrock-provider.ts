import { StrataError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ChatRequest, ChatResponse, EmbeddingRequest, EmbeddingResponse } from '../../core/types.js';
import type { CallOptions, Provider, ProviderDeps } from '../provider.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { openUpstream, type UpstreamResponse } from '../upstream-request.js';
import { bedrockUnsupportedParameters, toConverseRequest } from './convert-request.js';
import { fromConverseResponse, type ResponseMeta } from './convert-response.js';
import { embedWithBedrock, type InvokeResult } from './embeddings.js';
import { type AwsCredentials, createBedrockSigner } from './sign.js';
import { readConverseStream } from './stream.js';

/** Settings of one Bedrock provider instance. */
export interface BedrockOptions {
  /** The instance name from config. */
  id: string;
  /** The AWS region, e.g. `us-east-1`; part of the endpoint and of the signature. */
  region: string;
  credentials: AwsCredentials;
  /** Overrides `https://bedrock-runtime.{region}.amazonaws.com`, e.g. for a VPC endpoint or a test. */
  baseURL?: string | undefined;
  /** Time limit per call (to the first byte for streams) unless the call sets its own. */
  timeoutMs?: number | undefined;
}

type Action = 'converse' | 'converse-stream' | 'invoke';

/** Builds a Provider for AWS Bedrock's Converse API (chat, streams, tools) and its embedding models. */
export function createBedrockProvider(options: BedrockOptions, deps: ProviderDeps = {}): Provider {
  const base = new URL(options.baseURL ?? `https://bedrock-runtime.${options.region}.amazonaws.com`);
  const prefix = base.pathname.replace(/\/+$/, '');
  const sign = createBedrockSigner(options.region, options.credentials);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const context: UpstreamContext = {
    provider: options.id,
    secrets: [options.credentials.secretAccessKey, options.credentials.sessionToken ?? ''].filter(
      (secret) => secret !== '',
    ),
  };

  async function send(
    action: Action,
    modelId: string,
    body: object,
    callOptions: CallOptions,
  ): Promise<UpstreamResponse> {
    // Model ids, ARNs and inference profiles hold ':' and '/', which must stay inside one path segment.
    const path = `${prefix}/model/${encodeURIComponent(modelId)}/${action}`;
    const text = JSON.stringify(body);
    const accept = action === 'converse-stream' ? 'application/vnd.amazon.eventstream' : 'application/json';
    const headers = await sign({
      method: 'POST',
      origin: base.origin,
      path,
      headers: { 'content-type': 'application/json', accept },
      body: text,
    });
    return openUpstream({
      context,
      origin: base.origin,
      path,
      headers,
      body: text,
      dispatcher: deps.dispatcher,
      signal: callOptions.signal,
      timeoutMs: callOptions.timeoutMs ?? timeoutMs,
    }).catch((error: unknown) => {
      throw error instanceof StrataError && error.code === 'upstream_auth_failed'
        ? accessDenied(error)
        : error;
    });
  }

  // AWS answers 403 both for bad keys and for models not enabled in the account; say both.
  function accessDenied(error: StrataError): StrataError {
    return new StrataError(
      'upstream_auth_failed',
      `Provider \`${options.id}\` was refused by AWS; check aws_access_key_id, aws_secret_access_key and region for providers.${options.id}, and that the model is enabled in the Bedrock console.`,
      { cause: error },
    );
  }

  async function readJson(upstream: UpstreamResponse): Promise<unknown> {
    const text = await upstream.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw malformedResponseError(context, `the body is not JSON (${text.slice(0, 80)}).`, error);
    }
  }

  const metaFor = (request: ChatRequest, jsonTool: string | undefined): ResponseMeta => ({
    id: newId('chatcmpl'),
    model: request.model,
    created: Math.floor(Date.now() / 1000),
    jsonTool,
  });

  return {
    id: options.id,
    kind: 'bedrock',
    capabilities: { embeddings: true, unsupportedParameters: bedrockUnsupportedParameters },

    async chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResponse> {
      const { body, jsonTool } = toConverseRequest(request, options.id);
      const upstream = await send('converse', request.model, body, callOptions);
      return fromConverseResponse(await readJson(upstream), metaFor(request, jsonTool), context);
    },

    async stream(request: ChatRequest, callOptions: CallOptions = {}) {
      const { body, jsonTool } = toConverseRequest(request, options.id);
      const upstream = await send('converse-stream', request.model, body, callOptions);
      return readConverseStream(upstream, metaFor(request, jsonTool), context);
    },

    async embed(request: EmbeddingRequest, callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      const invoke = async (modelId: string, body: Record<string, unknown>): Promise<InvokeResult> => {
        const upstream = await send('invoke', modelId, body, callOptions);
        const counted = Number(upstream.headers['x-amzn-bedrock-input-token-count']);
        return {
          body: await readJson(upstream),
          inputTokens: Number.isFinite(counted) ? counted : undefined,
        };
      };
      return embedWithBedrock(request, invoke, context);
    },
  };
}
