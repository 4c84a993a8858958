import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { errorBody, toStrataError } from '../core/errors.js';

/**
 * Sends an event stream on the raw response: one `data:` event per item, `[DONE]` at the end, and an
 * error event (OpenAI's error shape) if the stream breaks after it started. Honours backpressure, and
 * stops reading the source as soon as the client goes away.
 */
export async function sendEventStream<T>(
  reply: FastifyReply,
  headers: Record<string, string>,
  source: AsyncIterable<T>,
  render: (item: T) => unknown | undefined,
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
  // Events decoded from one upstream read go out in one write: a system call per event cost more CPU
  // than everything else a streamed request does.
  let corked = false;
  const send = (text: string): boolean => {
    if (!corked) {
      corked = true;
      raw.cork();
      setImmediate(() => {
        corked = false;
        raw.uncork();
      });
    }
    return raw.write(text);
  };
  try {
    for await (const item of source) {
      if (raw.destroyed) break;
      const event = render(item);
      if (event === undefined) continue;
      if (!send(`data: ${JSON.stringify(event)}\n\n`)) await drained(raw);
    }
    if (!raw.destroyed) send('data: [DONE]\n\n');
  } catch (thrown) {
    if (!raw.destroyed) {
      const error = toStrataError(thrown);
      send(`data: ${JSON.stringify(errorBody(error))}\n\n`);
    }
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
