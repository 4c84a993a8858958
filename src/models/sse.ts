/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field, when the server named the event type. */
  event?: string;
  /** Every `data:` line of the event, joined with `\n`. */
  data: string;
  /** The last `id:` the server sent, when any. */
  id?: string;
}

/**
 * Decodes a `text/event-stream` body into events, following the WHATWG parsing rules: lines end in
 * `\n`, `\r\n` or `\r`; a blank line dispatches; `:` lines are comments; bytes may split anywhere.
 */
export async function* decodeServerSentEvents(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const state: EventState = { data: [], event: '', id: undefined };
  let pending = '';
  let skipLineFeed = false;
  // Where the search for a line end resumes: the carried-over text is known to hold none.
  let searchFrom = 0;

  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    if (skipLineFeed && pending.startsWith('\n')) start = 1;
    skipLineFeed = false;
    for (;;) {
      const end = findLineEnd(pending, Math.max(start, searchFrom));
      if (end === -1) break;
      const event = processLine(pending.slice(start, end), state);
      if (event) yield event;
      if (pending[end] === '\r') {
        if (end + 1 === pending.length) {
          // A `\r` at the end of a chunk may be the first half of a `\r\n` split across chunks.
          skipLineFeed = true;
          start = end + 1;
          break;
        }
        start = pending[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    pending = pending.slice(start);
    searchFrom = pending.length;
  }
  // Per the spec, an event not closed by a blank line before the end of the stream is discarded.
  decoder.decode();
}

interface EventState {
  data: string[];
  event: string;
  id: string | undefined;
}

function findLineEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) return index;
  }
  return -1;
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
