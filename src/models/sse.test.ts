import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeServerSentEvents, type ServerSentEvent } from './sse.js';

async function* bytes(...pieces: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const piece of pieces) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
}

async function decode(...pieces: Array<string | Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of decodeServerSentEvents(bytes(...pieces))) events.push(event);
  return events;
}

test('each blank line dispatches the data gathered since the last one', async () => {
  assert.deepEqual(await decode('data: one\n\ndata: two\n\n'), [{ data: 'one' }, { data: 'two' }]);
});

test('a line split across chunks is reassembled', async () => {
  assert.deepEqual(await decode('da', 'ta: {"a"', ':1}\n', '\n'), [{ data: '{"a":1}' }]);
});

test('a UTF-8 character split across chunks decodes intact', async () => {
  const encoded = new TextEncoder().encode('data: Grüße ☀️\n\n');
  const splitAt = encoded.indexOf(0xc3) + 1;
  const events = await decode(
    encoded.slice(0, splitAt),
    encoded.slice(splitAt, splitAt + 7),
    encoded.slice(splitAt + 7),
  );
  assert.deepEqual(events, [{ data: 'Grüße ☀️' }]);
});

test('CRLF, lone CR and a CRLF split between chunks all end lines', async () => {
  assert.deepEqual(await decode('data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r', '\n'), [
    { data: 'a' },
    { data: 'b' },
    { data: 'c' },
  ]);
});

test('multi-line data is joined with newlines and comments are ignored', async () => {
  const events = await decode(': keep-alive\n', 'data: first\ndata:second\n: note\ndata\n\n');
  assert.deepEqual(events, [{ data: 'first\nsecond\n' }]);
});

test('event and id fields are reported; an event with no data is not dispatched', async () => {
  const events = await decode('event: ping\n\nevent: error\nid: 7\ndata: {"x":1}\n\ndata: after\n\n');
  assert.deepEqual(events, [
    { event: 'error', id: '7', data: '{"x":1}' },
    { id: '7', data: 'after' },
  ]);
});

test('an event not closed by a blank line before the end is discarded', async () => {
  assert.deepEqual(await decode('data: complete\n\ndata: cut off'), [{ data: 'complete' }]);
});

test('a leading byte-order mark is skipped', async () => {
  assert.deepEqual(await decode(new Uint8Array([0xef, 0xbb, 0xbf]), 'data: x\n\n'), [{ data: 'x' }]);
});

test('a byte-order mark split across chunks is skipped, and one later in the stream is kept', async () => {
  const events = await decode(
    new Uint8Array([0xef]),
    new Uint8Array([0xbb, 0xbf]),
    'data: x\n\n',
    new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xef, 0xbb, 0xbf, 0x79, 0x0a, 0x0a]),
  );
  assert.deepEqual(events, [{ data: 'x' }, { data: '\ufeffy' }]);
});
