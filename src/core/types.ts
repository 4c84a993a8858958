/**
 * Shared wire and domain types. The chat shapes follow OpenAI's Chat Completions API, which is the
 * lingua franca every adapter translates to and from.
 */

/** A JSON value as it crosses the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One part of a multi-part message content. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'input_audio'; input_audio: { data: string; format: string } }
  | { type: 'file'; file: Record<string, Json> };

/** A function call requested by the model. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One chat message in OpenAI form. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  refusal?: string | null;
}

/** A tool the model may call. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, Json>; strict?: boolean };
}

/** The request body of `POST /v1/chat/completions`, after validation. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: ToolDefinition[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: boolean;
  response_format?:
    | { type: 'text' }
    | { type: 'json_object' }
    | {
        type: 'json_schema';
        json_schema: { name: string; schema?: Record<string, Json>; strict?: boolean; description?: string };
      };
  n?: number;
  stop?: string | string[];
  seed?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  logit_bias?: Record<string, number>;
  user?: string;
  metadata?: Record<string, string>;
  /** Provider-specific fields the client sent that Strata passes through untouched. */
  [extra: string]: unknown;
}

/** Token usage in OpenAI form, as returned to clients. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number; [key: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown };
}

/** A choice in a non-streaming chat response. */
export interface ChatChoice {
  index: number;
  message: ChatMessage & { role: 'assistant' };
  finish_reason: FinishReason | null;
  logprobs?: Json | null;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** The body of a non-streaming chat completion. */
export interface ChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatChoice[];
  usage?: WireUsage;
  system_fingerprint?: string | null;
  [extra: string]: unknown;
}

/** A delta in a streamed chunk. */
export interface ChatDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function?: { name?: string; arguments?: string };
  }>;
}

/** One `chat.completion.chunk` of a stream. */
export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: ChatDelta;
    finish_reason: FinishReason | null;
    logprobs?: Json | null;
  }>;
  usage?: WireUsage | null;
  system_fingerprint?: string | null;
  [extra: string]: unknown;
}

/** The request body of `POST /v1/embeddings`. */
export interface EmbeddingRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

/** The body of an embeddings response. */
export interface EmbeddingResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** Normalised usage across providers, the unit the token layer prices. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  /** True when counted by Strata rather than reported by the provider. */
  estimated: boolean;
}

/** Every role in the admin API, most powerful first; what each may do is in `governance/roles.ts`. */
export const roleNames = ['owner', 'admin', 'member', 'viewer', 'billing'] as const;

/** A role in the admin API. */
export type Role = (typeof roleNames)[number];

/** Who is calling: resolved from the API key at the edge. */
export interface Principal {
  kind: 'master' | 'virtual' | 'anonymous';
  keyId: string | null;
  keyName: string | null;
  /** The team the key belongs to (its `team` metadata); spend and budgets are attributed to it. */
  team?: string | null;
  /** Knowledge bases a virtual key may read (its `knowledge` metadata); `*` is every base. */
  knowledge?: readonly string[];
  /** True when a virtual key without a team may attribute a call to the team its `metadata.team` names. */
  requestTeam?: boolean;
  /** True when the key asks for its calls' prompts and answers to be kept on their traces. */
  captureContent?: boolean;
  /** The caller's role in the admin API; the master key is the owner, a key without one has no admin access. */
  role?: Role;
  /** The user or service account the caller acts for. */
  user?: string;
  /** The teams whose keys and spend a team-scoped role (member) may see. */
  teams?: readonly string[];
  /** Model names, aliases or routes the key may call (`*` ends a prefix); absent means any. */
  models?: readonly string[];
  /** Addresses or CIDR ranges the key may be used from; absent means anywhere. */
  allowedIps?: readonly string[];
  /** Tags every call of the key is attributed with. */
  tags?: readonly string[];
}
