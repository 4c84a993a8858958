import type { ChatChunk, ChatResponse } from '../../core/types.js';
import type { ModelRegistry } from '../../models/model-registry.js';
import type { Tokenizer } from '../../tokens/tokenizers/tokenizer.js';
import { tokenizerFor } from '../../tokens/tokenizers/tokenizer-for.js';
import type { ChatCall, ChatOutcome, ServedBy, Stage } from '../call.js';

/** The longest prefix of `text` that counts at most `tokens` tokens. */
export function prefixOfTokens(text: string, tokens: number, tokenizer: Tokenizer): string {
  if (tokens <= 0) return '';
  if (tokenizer.count(text) <= tokens) return text;
  // Counts grow with the prefix, so the cut is found by bisection in O(log n) counts.
  let fits = 0;
  let exceeds = text.length;
  while (exceeds - fits > 1) {
    const middle = (fits + exceeds) >>> 1;
    if (tokenizer.count(text.slice(0, middle)) <= tokens) fits = middle;
    else exceeds = middle;
  }
  return text.slice(0, fits);
}

/** A response whose text answers are cut to `cap` output tokens and marked `length`. */
function capResponse(response: ChatResponse, cap: number, tokenizer: Tokenizer): ChatResponse {
  return {
    ...response,
    choices: response.choices.map((choice) => {
      const content = choice.message.content;
      if (typeof content !== 'string' || tokenizer.count(content) <= cap) return choice;
      return {
        ...choice,
        message: { ...choice.message, content: prefixOfTokens(content, cap, tokenizer) },
        finish_reason: 'length' as const,
      };
    }),
  };
}

/**
 * Relays a stream's text until each choice reaches `cap` output tokens, then ends that choice with
 * `finish_reason: length`. The rest of the upstream stream is still read, so the usage it reports (what
 * the provider bills) reaches the summary and the client's usage chunk.
 */
async function* capStream(
  chunks: AsyncIterable<ChatChunk>,
  cap: number,
  tokenizer: Tokenizer,
): AsyncIterable<ChatChunk> {
  // Per choice: the tokens of the text counted so far, and the text relayed since, not yet counted.
  const relayed = new Map<number, { tokens: number; pending: string[]; pendingBytes: number }>();
  const ended = new Set<number>();
  for await (const chunk of chunks) {
    const choices: ChatChunk['choices'] = [];
    for (const choice of chunk.choices) {
      if (ended.has(choice.index)) continue;
      const text = choice.delta.content;
      if (typeof text !== 'string' || text === '') {
        choices.push(choice);
        continue;
      }
      let state = relayed.get(choice.index);
      if (state === undefined) {
        state = { tokens: 0, pending: [], pendingBytes: 0 };
        relayed.set(choice.index, state);
      }
      // A token covers at least one byte, so text is counted only once its bytes could pass the cap.
      const bytes = Buffer.byteLength(text, 'utf8');
      if (state.tokens + state.pendingBytes + bytes <= cap) {
        state.pending.push(text);
        state.pendingBytes += bytes;
        choices.push(choice);
        continue;
      }
      if (state.pending.length > 0) state.tokens += tokenizer.count(state.pending.join(''));
      state.pending = [];
      state.pendingBytes = 0;
      const total = state.tokens + tokenizer.count(text);
      if (total <= cap) {
        state.tokens = total;
        choices.push(choice);
        continue;
      }
      ended.add(choice.index);
      const kept = prefixOfTokens(text, cap - state.tokens, tokenizer);
      choices.push({ ...choice, delta: { ...choice.delta, content: kept }, finish_reason: 'length' });
    }
    if (choices.length > 0 || chunk.usage != null) yield { ...chunk, choices };
  }
}

/**
 * Holds the answer a client gets to its `max_completion_tokens` / `max_tokens`, for providers that
 * ignore the limit: a longer JSON answer is cut and marked `length`, a stream stops relaying text at the
 * limit. The call is still priced by the usage the provider reports, since that is what it bills.
 */
export function capOutput(models: ModelRegistry): Stage<ChatCall, ChatOutcome> {
  const tokenizerOf = (servedBy: ServedBy): Tokenizer => {
    const provider = models.resolve(`${servedBy.provider}/${servedBy.model}`)?.provider.kind;
    return tokenizerFor(provider ?? servedBy.provider, servedBy.model);
  };
  return async (call, next) => {
    const cap = call.request.max_completion_tokens ?? call.request.max_tokens;
    if (cap === undefined) return next();
    const outcome = await next();
    if (outcome.kind === 'stream')
      return { ...outcome, chunks: capStream(outcome.chunks, cap, tokenizerOf(outcome.servedBy)) };
    // Where the provider reports its output within the limit, nothing needs counting.
    const reported = outcome.response.usage?.completion_tokens;
    if (outcome.cacheHit || (reported !== undefined && reported <= cap)) return outcome;
    return { ...outcome, response: capResponse(outcome.response, cap, tokenizerOf(outcome.servedBy)) };
  };
}
