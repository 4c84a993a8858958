import type { FastifyReply } from 'fastify';
import { toStrataError } from '../../core/errors.js';
import type { ChatChunk } from '../../core/types.js';
import { openEventStream } from '../sse.js';
import { anthropicErrorBody } from './error-shape.js';
import type { StreamTranslator } from './stream-events.js';

/** Anthropic's framing: an `event:` line naming the type, then the JSON. */
function frame(events: ReadonlyArray<{ type: string }>): string {
  let text = '';
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  return text;
}

/**
 * Sends a chat stream as Anthropic server-sent events, and an `error` event in Anthropic's shape if the
 * stream breaks after it started. Honours backpressure, and stops reading the source as soon as the
 * client goes away.
 */
export async function sendMessageStream(
  reply: FastifyReply,
  headers: Record<string, string>,
  source: AsyncIterable<ChatChunk>,
  translator: StreamTranslator,
): Promise<void> {
  const stream = openEventStream(reply, headers);
  try {
    stream.write(frame(translator.start()));
    for await (const chunk of source) {
      if (stream.gone) break;
      const events = translator.push(chunk);
      if (events.length > 0 && !stream.write(frame(events))) await stream.drained();
    }
    if (!stream.gone) stream.write(frame(translator.finish()));
  } catch (thrown) {
    if (!stream.gone) stream.write(frame([anthropicErrorBody(toStrataError(thrown))]));
  } finally {
    stream.end();
  }
}
