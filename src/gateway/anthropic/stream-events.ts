import { newId } from '../../core/ids.js';
import type { ChatChunk, WireUsage } from '../../core/types.js';
import { type MessageUsage, type StopReason, stopReasonOf, usageOf } from './from-chat-response.js';

/** One Anthropic stream event: its `event:` name is its `type`. */
export type MessageEvent =
  | { type: 'message_start'; message: Record<string, unknown> }
  | { type: 'content_block_start'; index: number; content_block: Record<string, unknown> }
  | {
      type: 'content_block_delta';
      index: number;
      delta: { type: 'text_delta'; text: string } | { type: 'input_json_delta'; partial_json: string };
    }
  | { type: 'content_block_stop'; index: number }
  | { type: 'message_delta'; delta: { stop_reason: StopReason; stop_sequence: null }; usage: MessageUsage }
  | { type: 'message_stop' };

/** The block being streamed: text, or the tool call with this OpenAI index. */
type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'tool'; index: number; callIndex: number; id: string };

/** Turns chat chunks into Anthropic stream events, one chunk at a time. */
export interface StreamTranslator {
  /** The `message_start` event; input tokens are 0 because usage only arrives with the last chunk. */
  start(): MessageEvent[];
  /** The events one chunk becomes (often none or one). */
  push(chunk: ChatChunk): MessageEvent[];
  /** Closes the open block and ends the message with its stop reason and usage. */
  finish(): MessageEvent[];
}

/** Creates the translator of one streamed message; `model` is the name the client asked for. */
export function createStreamTranslator(model: string): StreamTranslator {
  let open: OpenBlock | undefined;
  let nextIndex = 0;
  let stopReason: StopReason = 'end_turn';
  let usage: WireUsage | undefined;

  const close = (events: MessageEvent[]): void => {
    if (open) events.push({ type: 'content_block_stop', index: open.index });
    open = undefined;
  };
  const appendText = (events: MessageEvent[], text: string): void => {
    if (text === '') return;
    if (open?.kind !== 'text') {
      close(events);
      open = { kind: 'text', index: nextIndex++ };
      events.push({
        type: 'content_block_start',
        index: open.index,
        content_block: { type: 'text', text: '' },
      });
    }
    events.push({ type: 'content_block_delta', index: open.index, delta: { type: 'text_delta', text } });
  };

  return {
    start: () => [
      {
        type: 'message_start',
        message: {
          id: newId('msg'),
          type: 'message',
          role: 'assistant',
          content: [],
          model,
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
    ],
    push(chunk) {
      const events: MessageEvent[] = [];
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) return events;
      appendText(events, choice.delta.content ?? '');
      appendText(events, choice.delta.refusal ?? '');
      for (const call of choice.delta.tool_calls ?? []) {
        // Another index or another id than the open block's starts the next tool_use block; some servers
        // repeat the id on every fragment of one call.
        let block = open;
        if (block?.kind !== 'tool' || block.callIndex !== call.index || (call.id ?? block.id) !== block.id) {
          close(events);
          const id = call.id ?? newId('toolu');
          block = { kind: 'tool', index: nextIndex++, callIndex: call.index, id };
          open = block;
          events.push({
            type: 'content_block_start',
            index: block.index,
            content_block: { type: 'tool_use', id, name: call.function?.name ?? '', input: {} },
          });
        }
        const partial = call.function?.arguments ?? '';
        if (partial !== '') {
          events.push({
            type: 'content_block_delta',
            index: block.index,
            delta: { type: 'input_json_delta', partial_json: partial },
          });
        }
      }
      if (choice.finish_reason) stopReason = stopReasonOf(choice.finish_reason);
      return events;
    },
    finish() {
      const events: MessageEvent[] = [];
      close(events);
      events.push(
        {
          type: 'message_delta',
          delta: { stop_reason: stopReason, stop_sequence: null },
          usage: usageOf(usage),
        },
        { type: 'message_stop' },
      );
      return events;
    },
  };
}
