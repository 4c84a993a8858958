import type { ChatResponse, FinishReason, ToolCall } from '../../core/types.js';
import { toFinishReason } from './finish-reason.js';
import type { MessagesResponse, ResponseBlock } from './messages-api.js';
import { toWireUsage } from './usage.js';

/** How to read an answer back, from the request that asked for it. */
export interface ResponseOptions {
  /** The forced tool whose input is the answer (emulated JSON output). */
  structuredTool?: string | undefined;
  /** Whether thinking blocks become `message.reasoning_content`. */
  includeThinking?: boolean | undefined;
  /** Seconds since the epoch; Anthropic answers carry no timestamp. */
  created: number;
}

/** Translates a Messages answer into an OpenAI chat completion. */
export function convertResponse(response: MessagesResponse, options: ResponseOptions): ChatResponse {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: ToolCall[] = [];
  let structured: string | undefined;
  for (const block of response.content) {
    if (isText(block)) texts.push(block.text);
    else if (isThinking(block)) thoughts.push(block.thinking);
    else if (isToolUse(block)) {
      const input = JSON.stringify(block.input ?? {});
      if (block.name === options.structuredTool) structured = input;
      else
        toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: input } });
    }
  }
  let finishReason: FinishReason | null = toFinishReason(response.stop_reason);
  // The forced tool is an implementation detail: its input is the JSON answer, and the turn is over.
  if (structured !== undefined && finishReason === 'tool_calls') finishReason = 'stop';
  const content = structured ?? (texts.length === 0 && toolCalls.length > 0 ? null : texts.join(''));
  return {
    id: response.id,
    object: 'chat.completion',
    created: options.created,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
          ...(options.includeThinking === true && thoughts.length > 0
            ? { reasoning_content: thoughts.join('') }
            : {}),
        },
        finish_reason: finishReason,
      },
    ],
    usage: toWireUsage(response.usage),
  };
}

function isText(block: ResponseBlock): block is { type: 'text'; text: string } {
  return block.type === 'text' && typeof block.text === 'string';
}

function isThinking(block: ResponseBlock): block is { type: 'thinking'; thinking: string } {
  return block.type === 'thinking' && typeof block.thinking === 'string';
}

function isToolUse(
  block: ResponseBlock,
): block is { type: 'tool_use'; id: string; name: string; input: unknown } {
  return block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string';
}
