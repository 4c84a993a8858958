/** Estimates completion tokens from the text and tool calls a stream produced before it was cut off. */
import type { ToolCall } from '../../core/types.js';
import { boundTokenizer } from './bounded-tokenizer.js';
import type { Tokenizer } from './tokenizer.js';

/** A tool call as far as it streamed: any field may still be missing. */
export interface PartialToolCall {
  function?: { name?: string; arguments?: string };
}

/** Counts the output tokens of a (possibly aborted) completion, for usage when no usage chunk came. */
export function countCompletionTokens(
  text: string,
  toolCalls: ReadonlyArray<ToolCall | PartialToolCall>,
  unbounded: Tokenizer,
): { tokens: number; exact: boolean } {
  const tokenizer = boundTokenizer(unbounded);
  let tokens = text.length > 0 ? tokenizer.count(text) : 0;
  for (const call of toolCalls) {
    tokens += tokenizer.count(call.function?.name ?? '') + tokenizer.count(call.function?.arguments ?? '');
  }
  // The model also emitted framing tokens (end of turn, tool-call wrappers) that no text shows.
  return { tokens, exact: tokenizer.exact && toolCalls.length === 0 && !tokenizer.estimated };
}
