import { countChatTokens } from '../../tokens/tokenizers/count-chat.js';
import { tokenizerFor } from '../../tokens/tokenizers/tokenizer-for.js';
import type { CountTokensRequest } from './messages-schema.js';
import { toChatRequest } from './to-chat-request.js';

/**
 * Counts the input tokens of a Messages request for the model that would serve it: translated to a chat
 * request and counted with that model's tokenizer (exact for OpenAI and Llama 3 families, an estimate
 * for others, such as Claude, whose tokenizer is not published).
 */
export function countInputTokens(
  request: CountTokensRequest,
  provider: string,
  upstreamModel: string,
): number {
  // max_tokens does not change the prompt; the translation needs one.
  const chatRequest = toChatRequest({ ...request, max_tokens: 1 });
  return countChatTokens(chatRequest, tokenizerFor(provider, upstreamModel)).tokens;
}
