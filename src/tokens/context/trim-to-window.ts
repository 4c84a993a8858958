import type { ChatMessage, ChatRequest } from '../../core/types.js';
import { boundTokenizer } from '../tokenizers/bounded-tokenizer.js';
import { countChatTokens } from '../tokenizers/count-chat.js';
import type { Tokenizer } from '../tokenizers/tokenizer.js';

/** A request cut down to fit, and what was cut. */
export interface Trimmed {
  request: ChatRequest;
  /** Messages dropped, oldest first. */
  dropped: number;
  /** The prompt tokens of the trimmed request. */
  tokens: number;
}

const isInstruction = (message: ChatMessage) => message.role === 'system' || message.role === 'developer';

/**
 * Groups the conversation into turns: each starts at a user message and runs up to the next one, so
 * an assistant's tool calls and the tool results answering them are always dropped together.
 */
function turnsOf(messages: readonly ChatMessage[]): number[][] {
  const turns: number[][] = [];
  messages.forEach((message, index) => {
    if (isInstruction(message)) return;
    const current = turns.at(-1);
    if (message.role === 'user' || current === undefined) turns.push([index]);
    else current.push(index);
  });
  return turns;
}

/**
 * Drops the oldest turns until the prompt fits in `limit` tokens. System and developer messages and the
 * latest turn always stay; undefined when even that is too long. `counted` is the prompt's count when
 * the caller already has it.
 */
export function trimToWindow(
  request: ChatRequest,
  unbounded: Tokenizer,
  limit: number,
  counted?: number,
): Trimmed | undefined {
  // One allowance of exactly counted characters for the whole trim, however many turns it weighs.
  const tokenizer = boundTokenizer(unbounded);
  let tokens = counted ?? countChatTokens(request, tokenizer).tokens;
  if (tokens <= limit) return { request, dropped: 0, tokens };
  const empty = countChatTokens({ ...request, messages: [] }, tokenizer).tokens;
  const turns = turnsOf(request.messages);
  const dropped = new Set<number>();
  for (const turn of turns.slice(0, -1)) {
    if (tokens <= limit) break;
    const messages = turn.map((index) => request.messages[index] as ChatMessage);
    tokens -= countChatTokens({ ...request, messages }, tokenizer).tokens - empty;
    for (const index of turn) dropped.add(index);
  }
  if (tokens > limit) return undefined;
  const messages = request.messages.filter((_, index) => !dropped.has(index));
  return { request: { ...request, messages }, dropped: dropped.size, tokens };
}
