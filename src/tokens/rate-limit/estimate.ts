import type { ChatRequest } from '../../core/types.js';

/**
 * A rough token count to reserve before a call: a quarter of the characters of its messages' text plus
 * the most it may answer. Release replaces it with the real usage; a real tokenizer can slot in here.
 */
export function estimateChatTokens(request: ChatRequest): number {
  let characters = 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else if (message.content)
      for (const part of message.content) if (part.type === 'text') characters += part.text.length;
    for (const call of message.tool_calls ?? []) characters += call.function.arguments.length;
  }
  const answer = request.max_completion_tokens ?? request.max_tokens ?? 0;
  return Math.ceil(characters / 4) + answer;
}
