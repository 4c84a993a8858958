import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { errorBody, toStrataError } from '../core/errors.js';
import { rawJsonOf } from '../core/raw-json.js';

/** An open server-sent-events response. */
export interface EventStreamWriter {
  /** True once the client has gone. */
  readonly gone: boolean;
  /** Writes text; false means the client's buffer is full, so await `drained()` before writing more. */
  write(text: string): boolean;
  /** Resolves when the client can take more, or is gone. */
  drained(): Promise<void>;
  end(): void;
}

/**
 * Takes over the raw response and opens an event stream on it. Text written in one turn of the event
 * loop goes out in one write: a system call per event cost more CPU than everything else a streamed
 * request does.
 */
export function openEventStream(reply: FastifyReply, headers: Record<string, string>): EventStreamWriter {
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
  let corked = false;
  return {
    get gone() {
      return raw.destroyed;
    },
    write(text) {
      if (!corked) {
        corked = true;
        raw.cork();
        setImmediate(() => {
          corked = false;
          raw.uncork();
        });
      }
      return raw.write(text);
    },
    drained: () => drained(raw),
    end: () => raw.end(),
  };
}

/**
 * Sends an event stream: one `data:` event per item, `[DONE]` at the end, and an error event (OpenAI's
 * error shape) if the stream breaks after it started. Honours backpressure, and stops reading the
 * source as soon as the client goes away.
 */
export async function sendEventStream<T>(
  reply: FastifyReply,
  headers: Record<string, string>,
  source: AsyncIterable<T>,
  render: (item: T) => unknown | undefined,
): Promise<void> {
  const stream = openEventStream(reply, headers);
  try {
    for await (const item of source) {
      if (stream.gone) break;
      const event = render(item);
      if (event === undefined) continue;
      // An item passed on unchanged from the upstream goes out as the text it arrived as.
      const json = rawJsonOf(event) ?? JSON.stringify(event);
      if (!stream.write(`data: ${json}\n\n`)) await stream.drained();
    }
    if (!stream.gone) stream.write('data: [DONE]\n\n');
  } catch (thrown) {
    if (!stream.gone) stream.write(`data: ${JSON.stringify(errorBody(toStrataError(thrown)))}\n\n`);
  } finally {
    stream.end();
  }
}

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
