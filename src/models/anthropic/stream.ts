import type { ChatChunk } from '../../core/types.js';
import { isJsonObject, type JsonObject } from '../openai-shapes.js';
import { eventsPerRead } from '../sse.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { closingOnReturn, type UpstreamResponse } from '../upstream-request.js';
import { streamEventError } from './anthropic-error.js';
import { createStreamTranslator, type StreamOptions } from './stream-translator.js';

/**
 * Reads a Messages event stream into OpenAI chunks, ending with a usage chunk (no choices). Ending
 * iteration early, or any failure, destroys the upstream body; a finished stream frees the connection.
 */
export function readMessagesStream(
  upstream: UpstreamResponse,
  context: UpstreamContext,
  options: StreamOptions,
): AsyncIterableIterator<ChatChunk> {
  return closingOnReturn(upstream, decodeMessagesStream(upstream, context, options));
}

async function* decodeMessagesStream(
  upstream: UpstreamResponse,
  context: UpstreamContext,
  options: StreamOptions,
): AsyncGenerator<ChatChunk, void, undefined> {
  const translator = createStreamTranslator(options);
  try {
    for await (const events of eventsPerRead(upstream.body)) {
      const produced: ChatChunk[] = [];
      let failure: Error | undefined;
      for (const event of events) {
        const parsed = parseEvent(event.data, context);
        if (event.event === 'error' || parsed.type === 'error') {
          failure = streamEventError(context, event.data, parsed);
          break;
        }
        produced.push(...translator.push(parsed));
        if (translator.stopped) break;
      }
      // Chunks that arrived before an error event in the same read still reach the client, in order.
      yield* produced;
      if (failure !== undefined) throw failure;
      if (translator.stopped) break;
    }
    if (!translator.stopped) {
      throw malformedResponseError(context, 'the stream ended before `message_stop`.');
    }
    yield translator.usageChunk();
  } catch (error) {
    throw upstream.toError(error);
  } finally {
    if (translator.stopped) upstream.release();
    else upstream.close();
  }
}

function parseEvent(data: string, context: UpstreamContext): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw malformedResponseError(context, `a stream event is not JSON (${preview(data)}).`, error);
  }
  if (!isJsonObject(parsed)) {
    throw malformedResponseError(context, `a stream event is not an object (${preview(data)}).`);
  }
  return parsed;
}

function preview(data: string): string {
  return data.length > 80 ? `${data.slice(0, 80)}…` : data;
}
