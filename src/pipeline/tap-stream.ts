import { toStrataError } from '../core/errors.js';
import type { ChatChunk } from '../core/types.js';
import type { StreamSummary } from './call.js';

/**
 * Wraps a chunk stream so its summary (usage, time to first chunk, how it ended) is known when it ends,
 * however it ends: drained, broken, or abandoned by the consumer. The consumer never waits on the tap.
 */
export function tapStream(
  source: AsyncIterable<ChatChunk>,
  startedAt: number,
): { chunks: AsyncIterable<ChatChunk>; summary: Promise<StreamSummary> } {
  let settle!: (summary: StreamSummary) => void;
  const summary = new Promise<StreamSummary>((resolve) => {
    settle = resolve;
  });
  const state: StreamSummary = { usage: undefined, ttftMs: undefined, error: undefined, aborted: false };

  async function* chunks(): AsyncGenerator<ChatChunk> {
    let finished = false;
    try {
      for await (const chunk of source) {
        state.ttftMs ??= performance.now() - startedAt;
        if (chunk.usage) state.usage = chunk.usage;
        yield chunk;
      }
      finished = true;
    } catch (error) {
      state.error = toStrataError(error);
      finished = true;
      throw state.error;
    } finally {
      state.aborted = !finished;
      settle(state);
    }
  }
  return { chunks: chunks(), summary };
}
