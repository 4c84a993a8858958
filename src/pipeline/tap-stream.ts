import { toStrataError } from '../core/errors.js';
import type { ChatChunk } from '../core/types.js';
import type { StreamOutput, StreamSummary } from './call.js';

/** Keeps a chunk's text and tool-call fragments; references only, so a stream pays one push per piece. */
function keep(output: StreamOutput, chunk: ChatChunk): void {
  for (const choice of chunk.choices) {
    const { content, tool_calls: calls } = choice.delta;
    if (typeof content === 'string' && content.length > 0) output.text.push(content);
    if (calls)
      for (const call of calls) if (call.function) output.toolCalls.push({ function: call.function });
  }
}

/**
 * Wraps a chunk stream so its summary (usage, time to first chunk, how it ended) is known when it ends,
 * however it ends: drained, broken, or abandoned by the consumer. The consumer never waits on the tap.
 * A plain iterator rather than a generator: it sits on the path of every streamed chunk.
 */
export function tapStream(
  source: AsyncIterable<ChatChunk>,
  startedAt: number,
): { chunks: AsyncIterableIterator<ChatChunk>; summary: Promise<StreamSummary> } {
  const upstream = source[Symbol.asyncIterator]();
  const state: StreamSummary = {
    usage: undefined,
    ttftMs: undefined,
    error: undefined,
    aborted: false,
    output: { text: [], toolCalls: [] },
  };
  let settle!: (summary: StreamSummary) => void;
  const summary = new Promise<StreamSummary>((resolve) => {
    settle = resolve;
  });
  let settled = false;
  const end = (aborted: boolean): void => {
    if (settled) return;
    settled = true;
    state.aborted = aborted;
    settle(state);
  };

  const chunks: AsyncIterableIterator<ChatChunk> = {
    async next() {
      let result: IteratorResult<ChatChunk>;
      try {
        result = await upstream.next();
      } catch (error) {
        state.error = toStrataError(error);
        end(false);
        throw state.error;
      }
      if (result.done) {
        end(false);
        return result;
      }
      state.ttftMs ??= performance.now() - startedAt;
      if (result.value.usage) state.usage = result.value.usage;
      keep(state.output, result.value);
      return result;
    },
    async return() {
      end(true);
      await upstream.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => chunks,
  };
  return { chunks, summary };
}
