import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { toStrataError } from '../../core/errors.js';
import type { ChatChunk } from '../../core/types.js';
import { anthropicErrorBody } from './error-shape.js';
import type { StreamTranslator } from './stream-events.js';

/**
 * Sends a chat stream as Anthropic server-sent events (`event:` plus `data:` lines), and an `error`
 * event in Anthropic's shape if the stream breaks after it started. Honours backpressure, and stops
 * reading the source as soon as the client goes away.
 */
export async function sendMessageStream(
  reply: FastifyReply,
  headers: Record<string, string>,
  source: AsyncIterable<ChatChunk>,
  translator: StreamTranslator,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': reply.request.id,
    ...headers,
  });
  // Events from one upstream read go out in one write: a system call per event costs more than the rest.
  let corked = false;
  const send = (events: ReadonlyArray<{ type: string }>): boolean => {
    if (events.length === 0) return true;
    if (!corked) {
      corked = true;
      raw.cork();
      setImmediate(() => {
        corked = false;
        raw.uncork();
      });
    }
    let text = '';
    for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    return raw.write(text);
  };
  try {
    send(translator.start());
    for await (const chunk of source) {
      if (raw.destroyed) break;
      if (!send(translator.push(chunk))) await drained(raw);
    }
    if (!raw.destroyed) send(translator.finish());
  } catch (thrown) {
    if (!raw.destroyed) send([anthropicErrorBody(toStrataError(thrown))]);
  } finally {
    raw.end();
  }
}

/** Resolves when the response can take more data, or is gone. */
function drained(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}
