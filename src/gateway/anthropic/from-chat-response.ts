import { newId } from '../../core/ids.js';
import type { ChatResponse, FinishReason, Json, WireUsage } from '../../core/types.js';

/** Why an Anthropic message stopped. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** One content block of an Anthropic response message. */
export type ResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, Json> };

/** Token usage in Anthropic's shape. */
export interface MessageUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/** The body of a non-streaming Anthropic Messages response. */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  content: ResponseBlock[];
  model: string;
  stop_reason: StopReason;
  stop_sequence: null;
  usage: MessageUsage;
}

/**
 * Maps an OpenAI finish reason to Anthropic's stop reason. OpenAI says `stop` both for a natural end and
 * for a hit stop sequence without saying which, so `stop` becomes `end_turn`.
 */
export function stopReasonOf(reason: FinishReason | null | undefined): StopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** Anthropic counts input tokens without the cached ones, which it reports apart; OpenAI counts them all. */
export function usageOf(usage: WireUsage | null | undefined): MessageUsage {
  if (!usage) return { input_tokens: 0, output_tokens: 0 };
  const details = usage.prompt_tokens_details;
  const cacheRead = details?.cached_tokens ?? 0;
  const creation = details?.cache_creation_tokens;
  const cacheCreation = typeof creation === 'number' ? creation : undefined;
  return {
    input_tokens: Math.max(0, usage.prompt_tokens - cacheRead - (cacheCreation ?? 0)),
    output_tokens: usage.completion_tokens,
    cache_read_input_tokens: cacheRead,
    ...(cacheCreation !== undefined && { cache_creation_input_tokens: cacheCreation }),
  };
}

/**
 * Parses tool-call arguments into the object Anthropic's `input` holds. A model can emit arguments that
 * are not a JSON object (cut off by max_tokens, or just malformed); the block then carries `{}` rather than
 * failing the whole response, and the stop reason tells the client why.
 */
export function parseToolInput(text: string): Record<string, Json> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, Json>;
    }
  } catch {
    // Falls through to the empty input.
  }
  return {};
}

/** Translates a chat response into an Anthropic message; `model` is the name the client asked for. */
export function fromChatResponse(response: ChatResponse, model: string): AnthropicMessage {
  const choice = response.choices[0];
  const content: ResponseBlock[] = [];
  const message = choice?.message;
  const text = typeof message?.content === 'string' ? message.content : '';
  if (text !== '') content.push({ type: 'text', text });
  if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolInput(call.function.arguments),
    });
  }
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    content,
    model,
    stop_reason: stopReasonOf(choice?.finish_reason),
    stop_sequence: null,
    usage: usageOf(response.usage),
  };
}
