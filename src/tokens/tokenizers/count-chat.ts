/**
 * Prompt tokens of a chat request, counted the way OpenAI's cookbook ("How to count tokens with
 * tiktoken") reproduces the API's `prompt_tokens`: every message costs 3 tokens of framing plus its
 * role and content, a `name` costs 1 more, and 3 tokens prime the reply. Images follow OpenAI's
 * published tile rule, tool definitions the cookbook's fitted approximation.
 */
import type { ChatMessage, ChatRequest, ContentPart } from '../../core/types.js';
import { boundTokenizer } from './bounded-tokenizer.js';
import { imageSizeFromUrl, imageTokens } from './image-tokens.js';
import type { Tokenizer } from './tokenizer.js';
import { countToolDefinitions } from './tool-definitions.js';

interface Framing {
  perMessage: number;
  perName: number;
  replyPriming: number;
}

// <|start|>{role}<|message|>{content}<|end|>, and <|start|>assistant<|message|> for the reply.
const openAIFraming: Framing = { perMessage: 3, perName: 1, replyPriming: 3 };
// Llama 3's template: <|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>, after
// <|begin_of_text|>, with the same header opening the reply.
const llama3Framing: Framing = { perMessage: 4, perName: 1, replyPriming: 5 };

/** A count and whether it is the provider's own figure or an approximation. */
export interface TokenCount {
  tokens: number;
  exact: boolean;
}

function countPart(part: ContentPart, tokenizer: Tokenizer): TokenCount {
  switch (part.type) {
    case 'text':
      return { tokens: tokenizer.count(part.text), exact: true };
    case 'image_url': {
      const detail = part.image_url.detail ?? 'auto';
      const size = imageSizeFromUrl(part.image_url.url);
      return { tokens: imageTokens(detail, size), exact: detail === 'low' || size !== undefined };
    }
    default:
      // Audio and files are billed by their own meters; nothing textual to count here.
      return { tokens: 0, exact: false };
  }
}

function countMessage(message: ChatMessage, tokenizer: Tokenizer, framing: Framing): TokenCount {
  let tokens = framing.perMessage + tokenizer.count(message.role);
  let exact = message.role !== 'tool';
  if (typeof message.content === 'string') tokens += tokenizer.count(message.content);
  else if (message.content !== null) {
    for (const part of message.content) {
      const counted = countPart(part, tokenizer);
      tokens += counted.tokens;
      exact &&= counted.exact;
    }
  }
  if (message.name !== undefined) tokens += framing.perName + tokenizer.count(message.name);
  if (typeof message.refusal === 'string') tokens += tokenizer.count(message.refusal);
  for (const call of message.tool_calls ?? []) {
    // Tool calls are rendered in an unpublished wrapper: the name and arguments are a floor.
    tokens += tokenizer.count(call.function.name) + tokenizer.count(call.function.arguments);
    exact = false;
  }
  return { tokens, exact };
}

/**
 * Counts a chat request's prompt tokens with a tokenizer; `exact` only when every part is known and
 * no text was too long to count exactly (see bounded-tokenizer.ts).
 */
export function countChatTokens(request: ChatRequest, unbounded: Tokenizer): TokenCount {
  const tokenizer = boundTokenizer(unbounded);
  const framing = tokenizer.name === 'llama3' ? llama3Framing : openAIFraming;
  // Only OpenAI's framing is published; Llama hosts may inject their own system text.
  let exact = tokenizer.exact && tokenizer.name !== 'llama3';
  let tokens = framing.replyPriming;
  for (const message of request.messages) {
    const counted = countMessage(message, tokenizer, framing);
    tokens += counted.tokens;
    exact &&= counted.exact;
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    tokens += countToolDefinitions(request.tools, tokenizer);
    exact = false;
  }
  // A JSON schema is rendered into the prompt in an unpublished form.
  if (request.response_format?.type === 'json_schema') exact = false;
  return { tokens, exact: exact && !tokenizer.estimated };
}
