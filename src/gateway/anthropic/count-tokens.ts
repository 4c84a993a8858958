import type { CountTokensRequest, RequestMessage } from './messages-schema.js';
import { systemText } from './to-chat-request.js';

const charactersPerToken = 4;
const tokensPerMessage = 4;

function blockText(content: RequestMessage['content']): string {
  if (typeof content === 'string') return content;
  return content
    .map((block) => {
      switch (block.type) {
        case 'text':
          return block.text;
        case 'tool_use':
          return block.name + JSON.stringify(block.input);
        case 'tool_result':
          return typeof block.content === 'string'
            ? block.content
            : (block.content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
        default:
          return '';
      }
    })
    .join('');
}

/**
 * Estimates the input tokens of a request: characters of all text (system, messages, tool schemas as
 * JSON) divided by four, rounded up, plus four per message. An estimate until a tokenizer lands with the
 * token layer; images count nothing.
 */
export function estimateInputTokens(request: CountTokensRequest): number {
  let characters = systemText(request.system)?.length ?? 0;
  for (const message of request.messages) characters += blockText(message.content).length;
  for (const tool of request.tools ?? []) {
    characters +=
      tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.input_schema).length;
  }
  return Math.ceil(characters / charactersPerToken) + tokensPerMessage * request.messages.length;
}
