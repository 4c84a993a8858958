import type { ChatResponse, FinishReason, ToolCall, WireUsage } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';

/** What a response conversion needs besides the body. */
export interface ResponseMeta {
  id: string;
  model: string;
  created: number;
  /** The forced tool standing in for `response_format`, whose input is the answer text. */
  jsonTool: string | undefined;
}

/** Maps a Converse `stopReason` to OpenAI's finish reason. */
export function toFinishReason(stopReason: unknown): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/**
 * Maps Converse `usage` to OpenAI's: prompt tokens count fresh input plus cache reads and writes, with
 * the cached part in `prompt_tokens_details` the way OpenAI reports it.
 */
export function toWireUsage(usage: unknown): WireUsage | undefined {
  if (!isJsonObject(usage)) return undefined;
  const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const promptTokens = count(usage.inputTokens) + cacheRead + cacheWrite;
  const completionTokens = count(usage.outputTokens);
  const wire: WireUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: Math.max(count(usage.totalTokens), promptTokens + completionTokens),
  };
  if (cacheRead > 0 || cacheWrite > 0) {
    wire.prompt_tokens_details = {
      cached_tokens: cacheRead,
      ...(cacheWrite > 0 ? { cache_creation_tokens: cacheWrite } : {}),
    };
  }
  return wire;
}

/** Turns a Converse response body into a chat completion. */
export function fromConverseResponse(
  parsed: unknown,
  meta: ResponseMeta,
  context: UpstreamContext,
): ChatResponse {
  const message = isJsonObject(parsed) && isJsonObject(parsed.output) ? parsed.output.message : undefined;
  if (!isJsonObject(parsed) || !isJsonObject(message) || !Array.isArray(message.content)) {
    throw malformedResponseError(context, 'the body has no `output.message.content` array.');
  }
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (!isJsonObject(block)) continue;
    if (typeof block.text === 'string') texts.push(block.text);
    const toolUse = block.toolUse;
    if (!isJsonObject(toolUse) || typeof toolUse.name !== 'string') continue;
    const input = JSON.stringify(toolUse.input ?? {});
    if (toolUse.name === meta.jsonTool) {
      texts.push(input);
      continue;
    }
    toolCalls.push({
      id: typeof toolUse.toolUseId === 'string' ? toolUse.toolUseId : `call_${toolCalls.length}`,
      type: 'function',
      function: { name: toolUse.name, arguments: input },
    });
  }
  let finishReason = toFinishReason(parsed.stopReason);
  // The forced JSON tool is how the answer arrives, not a call the client must run.
  if (meta.jsonTool !== undefined && finishReason === 'tool_calls' && toolCalls.length === 0) {
    finishReason = 'stop';
  }
  const usage = toWireUsage(parsed.usage);
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length === 0 ? null : texts.join(''),
          ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
        },
        finish_reason: finishReason,
      },
    ],
    ...(usage === undefined ? {} : { usage }),
  };
}
