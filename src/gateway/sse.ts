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
 * loop is joined and goes out as one write: a system call per event cost more CPU than everything else
 * a streamed request does, and even corked, each write of a chunked response costs framing of its own.
 */
export function openEventStream(reply: FastifyReply, headers: Record<string, string>): EventStreamWriter {
  reply.hijack();
  const raw = reply.raw;
  const trace = reply.getHeader('x-strata-trace-id');
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': reply.request.id,
    ...(typeof trace === 'string' && { 'x-strata-trace-id': trace }),
    ...headers,
  });
  let pending = '';
  const flush = (): void => {
    const text = pending;
    pending = '';
    // The client may have gone, or the stream ended (taking the text with it), since it was queued.
    if (text !== '' && !raw.destroyed && !raw.writableEnded) raw.write(text);
  };
  return {
    get gone() {
      return raw.destroyed;
    },
    write(text) {
      if (pending === '') setImmediate(flush);
      pending += text;
      // Queued text is bounded by what one turn produces; the response's own buffer says when to wait.
      return !raw.writableNeedDrain;
    },
    drained: () => drained(raw),
    end: () => {
      const text = pending;
      pending = '';
      if (text === '' || raw.destroyed) raw.end();
      else raw.end(text);
    },
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
