import type { Dispatcher } from 'undici';
import type {
  ChatChunk,
  ChatRequest,
  ChatResponse,
  EmbeddingRequest,
  EmbeddingResponse,
} from '../core/types.js';

/** Per-call options every adapter honours. */
export interface CallOptions {
  /** Aborts the upstream call, e.g. when the client disconnects. */
  signal?: AbortSignal;
  /** Gives up on the upstream after this many milliseconds (to first byte for streams). */
  timeoutMs?: number;
}

/** What an adapter can do; the gateway rejects requests a provider cannot serve with a clear 400. */
export interface ProviderCapabilities {
  embeddings: boolean;
  /** Request fields this provider rejects; a request that sets one gets 400 `unsupported_parameter`. */
  unsupportedParameters: readonly string[];
}

/**
 * A model provider: turns a ChatRequest (with `model` already the upstream model id) into an upstream
 * call and back. It knows nothing of keys, budgets or traces.
 */
export interface Provider {
  /** The instance name from config, e.g. `openai`, `groq`, `my-vllm`. */
  readonly id: string;
  /** The adapter kind, e.g. `openai`, `azure`, `openai-compatible`. */
  readonly kind: string;
  readonly capabilities: ProviderCapabilities;
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /** Resolves once the upstream accepted the stream (errors before the first byte reject here). */
  stream(request: ChatRequest, options?: CallOptions): Promise<AsyncIterable<ChatChunk>>;
  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;
}

/** I/O an adapter takes by injection. */
export interface ProviderDeps {
  dispatcher?: Dispatcher;
}
