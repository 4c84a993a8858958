import type { ChatChunk, ChatDelta, FinishReason } from '../../core/types.js';
import { isJsonObject, type JsonObject } from '../openai-shapes.js';
import { toFinishReason } from './finish-reason.js';
import type { MessagesUsage } from './messages-api.js';
import { mergeUsage, toWireUsage } from './usage.js';

/** What the stream translator needs to know about the request. */
export interface StreamOptions {
  /** The forced tool whose streamed input is the answer (emulated JSON output). */
  structuredTool?: string | undefined;
  /** Whether `thinking_delta`s go to the client as `reasoning_content`. */
  includeThinking?: boolean | undefined;
  /** Seconds since the epoch, stamped on every chunk. */
  created: number;
}

/** Turns Anthropic stream events, one at a time, into OpenAI chunks. */
export interface StreamTranslator {
  /** Translates one parsed event; returns the chunks it produces (often none). */
  push(event: JsonObject): ChatChunk[];
  /** True once `message_stop` arrived. */
  readonly stopped: boolean;
  /** The closing chunk with no choices and the whole call's usage. */
  usageChunk(): ChatChunk;
}

/** What one Anthropic content block becomes on the OpenAI side. */
type BlockRole = { kind: 'text' | 'thinking' | 'structured' | 'other' } | { kind: 'tool'; toolIndex: number };

/** Creates the state machine that maps Messages stream events to chat chunks. */
export function createStreamTranslator(options: StreamOptions): StreamTranslator {
  let id = '';
  let model = '';
  let usage: MessagesUsage = {};
  let stopped = false;
  let toolCount = 0;
  const blocks = new Map<number, BlockRole>();

  const chunk = (delta: ChatDelta, finishReason: FinishReason | null = null): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: options.created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

  function blockStart(index: number, block: JsonObject): ChatChunk[] {
    if (block.type === 'text') {
      blocks.set(index, { kind: 'text' });
      return typeof block.text === 'string' && block.text !== '' ? [chunk({ content: block.text })] : [];
    }
    if (block.type === 'thinking') blocks.set(index, { kind: 'thinking' });
    else if (block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string') {
      if (block.name === options.structuredTool) {
        blocks.set(index, { kind: 'structured' });
        return [];
      }
      // OpenAI numbers tool calls among themselves, not among all content blocks.
      const toolIndex = toolCount++;
      blocks.set(index, { kind: 'tool', toolIndex });
      const call = { index: toolIndex, id: block.id, type: 'function' as const };
      return [chunk({ tool_calls: [{ ...call, function: { name: block.name, arguments: '' } }] })];
    } else blocks.set(index, { kind: 'other' });
    return [];
  }

  function blockDelta(index: number, delta: JsonObject): ChatChunk[] {
    const role = blocks.get(index);
    if (delta.type === 'text_delta' && typeof delta.text === 'string')
      return [chunk({ content: delta.text })];
    if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
      if (delta.partial_json === '') return [];
      if (role?.kind === 'structured') return [chunk({ content: delta.partial_json })];
      if (role?.kind !== 'tool') return [];
      const call = { index: role.toolIndex, function: { arguments: delta.partial_json } };
      return [chunk({ tool_calls: [call] })];
    }
    if (delta.type === 'thinking_delta' && options.includeThinking && typeof delta.thinking === 'string') {
      const reasoning: ChatDelta & { reasoning_content: string } = { reasoning_content: delta.thinking };
      return [chunk(reasoning)];
    }
    return [];
  }

  function messageDelta(event: JsonObject): ChatChunk[] {
    if (isJsonObject(event.usage)) usage = mergeUsage(usage, event.usage);
    const delta = isJsonObject(event.delta) ? event.delta : {};
    const stopReason = typeof delta.stop_reason === 'string' ? delta.stop_reason : null;
    let finishReason = toFinishReason(stopReason);
    if (finishReason === null) return [];
    const structured = [...blocks.values()].some((block) => block.kind === 'structured');
    if (structured && finishReason === 'tool_calls') finishReason = 'stop';
    return [chunk({}, finishReason)];
  }

  return {
    get stopped() {
      return stopped;
    },
    push(event) {
      const index = typeof event.index === 'number' ? event.index : -1;
      switch (event.type) {
        case 'message_start': {
          const message = isJsonObject(event.message) ? event.message : {};
          if (typeof message.id === 'string') id = message.id;
          if (typeof message.model === 'string') model = message.model;
          if (isJsonObject(message.usage)) usage = mergeUsage(usage, message.usage);
          return [chunk({ role: 'assistant', content: '' })];
        }
        case 'content_block_start':
          return isJsonObject(event.content_block) ? blockStart(index, event.content_block) : [];
        case 'content_block_delta':
          return isJsonObject(event.delta) ? blockDelta(index, event.delta) : [];
        case 'message_delta':
          return messageDelta(event);
        case 'message_stop':
          stopped = true;
          return [];
        default:
          // `ping`, `content_block_stop` and event types added later carry nothing for an OpenAI client.
          return [];
      }
    },
    usageChunk: () => ({
      id,
      object: 'chat.completion.chunk',
      created: options.created,
      model,
      choices: [],
      usage: toWireUsage(usage),
    }),
  };
}
