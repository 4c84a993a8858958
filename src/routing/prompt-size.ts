import type { ChatRequest } from '../core/types.js';
import { countChatTokens } from '../tokens/tokenizers/count-chat.js';
import { estimateTokens } from '../tokens/tokenizers/estimate.js';
import { tokenizerFor } from '../tokens/tokenizers/tokenizer-for.js';

/** A quick upper-leaning estimate of a prompt's tokens: every text part plus a few per message. */
export function estimatePromptTokens(request: ChatRequest): number {
  let tokens = 3;
  for (const message of request.messages) {
    tokens += 4;
    if (typeof message.content === 'string') tokens += estimateTokens(message.content);
    else if (Array.isArray(message.content))
      for (const part of message.content) if (part.type === 'text') tokens += estimateTokens(part.text);
    if (message.tool_calls)
      for (const call of message.tool_calls) tokens += estimateTokens(call.function.arguments) + 8;
  }
  if (request.tools) tokens += estimateTokens(JSON.stringify(request.tools));
  return tokens;
}

/** The output a request may ask for, as reserved against a context window. */
export function requestedOutput(request: ChatRequest): number {
  return request.max_completion_tokens ?? request.max_tokens ?? 0;
}

/**
 * True when the prompt plus the requested output fits a model's context window. The quick estimate
 * decides when it is far from the limit; near it, the model's own tokenizer counts.
 */
export function fitsWindow(
  request: ChatRequest,
  window: number | undefined,
  estimate: number,
  tokenizer: { provider: string; model: string },
): boolean {
  if (window === undefined) return true;
  const output = requestedOutput(request);
  if (estimate + output <= window * 0.8) return true;
  const exact = countChatTokens(request, tokenizerFor(tokenizer.provider, tokenizer.model)).tokens;
  return exact + output <= window;
}
