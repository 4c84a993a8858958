import { rememberRawJson } from '../core/raw-json.js';
import type { ChatChunk } from '../core/types.js';
import { isChatChunk, isJsonObject } from './openai-shapes.js';
import { createEventDecoder } from './sse.js';
import { malformedResponseError, reportedUpstreamError, type UpstreamContext } from './upstream-error.js';
import { closingOnReturn, type UpstreamResponse } from './upstream-request.js';

/**
 * Reads an OpenAI-style chat stream (`data: {chunk}` events ended by `data: [DONE]`) into chunks.
 * Ending iteration early (even before the first chunk), or any failure, destroys the upstream body.
 */
export function readChatChunks(
  upstream: UpstreamResponse,
  context: UpstreamContext,
): AsyncIterableIterator<ChatChunk> {
  return closingOnReturn(upstream, decodeChunks(upstream, context));
}

async function* decodeChunks(
  upstream: UpstreamResponse,
  context: UpstreamContext,
): AsyncGenerator<ChatChunk, void, undefined> {
  let finished = false;
  let done = false;
  // The body is read by hand: leaving a for-await over it would destroy it, and the connection is
  // released for the next call only once `[DONE]` came.
  const reader = upstream.body[Symbol.asyncIterator]();
  const decode = createEventDecoder();
  try {
    reading: for (;;) {
      const read = await reader.next();
      if (read.done) break;
      for (const event of decode(read.value)) {
        if (event.data === '[DONE]') {
          done = true;
          break reading;
        }
        const chunk = parseChunk(event.data, event.event, context);
        if (chunk.choices.some((choice) => choice.finish_reason != null)) finished = true;
        // Chunks with neither choices nor usage (Azure's prompt-filter preamble) carry nothing to forward.
        if (chunk.choices.length === 0 && chunk.usage == null) continue;
        yield chunk;
      }
    }
    if (!done && !finished)
      throw malformedResponseError(context, 'the stream ended before the model finished.');
  } catch (error) {
    throw upstream.toError(error);
  } finally {
    if (done) upstream.release();
    else upstream.close();
  }
}

function parseChunk(data: string, eventType: string | undefined, context: UpstreamContext): ChatChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw malformedResponseError(context, `a stream event is not JSON (${preview(data)}).`, error);
  }
  if (
    eventType === 'error' ||
    (isJsonObject(parsed) && parsed.error !== undefined && parsed.error !== null)
  ) {
    throw reportedUpstreamError(context, data);
  }
  if (!isChatChunk(parsed)) {
    throw malformedResponseError(context, `a stream event is not a chat chunk (${preview(data)}).`);
  }
  // One-line event data can go to the client as it came; data joined from several `data:` lines has
  // line breaks that would end the event early, so that chunk is serialised again.
  return data.includes('\n') ? parsed : rememberRawJson(parsed, data);
}

function preview(data: string): string {
  return data.length > 80 ? `${data.slice(0, 80)}…` : data;
}
