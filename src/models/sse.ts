import { StringDecoder } from 'node:string_decoder';

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field, when the server named the event type. */
  event?: string;
  /** Every `data:` line of the event, joined with `\n`. */
  data: string;
  /** The last `id:` the server sent, when any. */
  id?: string;
}

/** Turns decoded text, fed in pieces of any size, into the events it completes. */
export interface ServerSentEventParser {
  /** Feeds the next piece of the stream; returns the events it completed, in order. */
  push(text: string): ServerSentEvent[];
}

/**
 * Parses `text/event-stream` text following the WHATWG rules: lines end in `\n`, `\r\n` or `\r`; a
 * blank line dispatches; `:` lines are comments; pieces may split anywhere. Synchronous, so a consumer
 * handles every event of one network read in one turn.
 */
export function createServerSentEventParser(): ServerSentEventParser {
  const state: EventState = { data: [], event: '', id: undefined };
  let pending = '';
  let skipLineFeed = false;

  return {
    push(text) {
      const events: ServerSentEvent[] = [];
      pending += text;
      let start = 0;
      if (skipLineFeed && pending.startsWith('\n')) start = 1;
      skipLineFeed = false;
      // Positions of the next `\n` and `\r`, searched natively and only again once passed.
      let lineFeed = pending.indexOf('\n', start);
      let carriageReturn = pending.indexOf('\r', start);
      for (;;) {
        if (lineFeed !== -1 && lineFeed < start) lineFeed = pending.indexOf('\n', start);
        if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = pending.indexOf('\r', start);
        const end =
          lineFeed === -1 || (carriageReturn !== -1 && carriageReturn < lineFeed) ? carriageReturn : lineFeed;
        if (end === -1) break;
        const event = processLine(pending.slice(start, end), state);
        if (event) events.push(event);
        if (end === carriageReturn) {
          if (end + 1 === pending.length) {
            // A `\r` at the end of a piece may be the first half of a `\r\n` split across pieces.
            skipLineFeed = true;
            start = end + 1;
            break;
          }
          start = pending.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        } else {
          start = end + 1;
        }
      }
      pending = pending.slice(start);
      return events;
    },
  };
}

/**
 * Reads a `text/event-stream` body and yields, per network read, the events it completed. The body is
 * read by hand, so stopping early leaves it open: the caller decides whether to release the connection
 * (the stream ended) or close it (it was abandoned); leaving a for-await over the body would destroy it.
 */
export async function* eventsPerRead(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<ServerSentEvent[], void, undefined> {
  const decode = createEventDecoder();
  const reader = body[Symbol.asyncIterator]();
  for (;;) {
    const read = await reader.next();
    if (read.done) return;
    yield decode(read.value);
  }
}

/**
 * Turns the pieces of a `text/event-stream` body, bytes or text, into the events each completes: for a
 * reader on the path of every streamed chunk that reads the body itself rather than through
 * `eventsPerRead`, one generator fewer per read.
 */
export function createEventDecoder(): (piece: Uint8Array | string) => ServerSentEvent[] {
  const decode = utf8Decoder();
  const parser = createServerSentEventParser();
  return (piece) => parser.push(typeof piece === 'string' ? piece : decode(piece));
}

/**
 * Decodes UTF-8 read by read, dropping a leading byte-order mark as `TextDecoder` does. Node's
 * `StringDecoder` costs a quarter of what `TextDecoder` does per read, and a stream makes a read per
 * event. The two differ only in bytes held back at the very end of a body, which no event can use.
 */
function utf8Decoder(): (bytes: Uint8Array) => string {
  const decoder = new StringDecoder('utf8');
  let started = false;
  return (bytes) => {
    const text = decoder.write(bytes);
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
}

/**
 * Decodes a `text/event-stream` body into events. An event not closed by a blank line before the end of
 * the stream is discarded, as the spec says.
 */
export async function* decodeServerSentEvents(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  for await (const events of eventsPerRead(body)) yield* events;
}

interface EventState {
  data: string[];
  event: string;
  id: string | undefined;
}

function processLine(line: string, state: EventState): ServerSentEvent | undefined {
  if (line === '') return dispatch(state);
  if (line.startsWith(':')) return undefined;
  const colon = line.indexOf(':');
  const field = colon === -1 ? line : line.slice(0, colon);
  let value = colon === -1 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (field === 'data') state.data.push(value);
  else if (field === 'event') state.event = value;
  else if (field === 'id' && !value.includes('\0')) state.id = value;
  return undefined;
}

function dispatch(state: EventState): ServerSentEvent | undefined {
  const data = state.data;
  const type = state.event;
  state.data = [];
  state.event = '';
  if (data.length === 0) return undefined;
  const event: ServerSentEvent = { data: data.join('\n') };
  if (type !== '') event.event = type;
  if (state.id !== undefined) event.id = state.id;
  return event;
}
