import type { FinishReason } from '../../core/types.js';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A paused server-tool turn is, to an OpenAI client, an answer that ended normally.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Maps an Anthropic `stop_reason` to OpenAI's `finish_reason`; unknown reasons read as `stop`. */
export function toFinishReason(stopReason: string | null | undefined): FinishReason | null {
  if (stopReason === null || stopReason === undefined) return null;
  return finishReasons[stopReason] ?? 'stop';
}
