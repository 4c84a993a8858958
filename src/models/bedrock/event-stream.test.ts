import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { createEventStreamDecoder, EventStreamFormatError } from './event-stream.js';
import { encodeEventFixture } from './testing/bedrock-harness.js';

test('messages cut into pieces of any size decode to the same events', async () => {
  const bytes = encodeEventFixture('bedrock/stream-text.json');
  for (const pieceSize of [1, 5, 13, 64, bytes.length]) {
    const decoder = await createEventStreamDecoder();
    const types: string[] = [];
    for (let start = 0; start < bytes.length; start += pieceSize) {
      for (const message of decoder.push(bytes.subarray(start, start + pieceSize))) types.push(message.type);
    }
    assert.deepEqual(types, [
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    assert.equal(decoder.hasPartialMessage(), false);
  }
});

test('payloads are parsed JSON, exceptions carry their type and message', async () => {
  const decoder = await createEventStreamDecoder();
  const messages = decoder.push(encodeEventFixture('bedrock/stream-throttling-exception.json'));
  assert.deepEqual(messages[1], {
    kind: 'event',
    type: 'contentBlockDelta',
    payload: { contentBlockIndex: 0, delta: { text: 'Hello' }, p: 'abcdefghijkl' },
  });
  assert.deepEqual(messages.at(-1), {
    kind: 'exception',
    type: 'throttlingException',
    message: 'Too many tokens, please wait before trying again.',
  });
});

test('a half-received message stays buffered', async () => {
  const bytes = encodeEventFixture('bedrock/stream-text.json');
  const decoder = await createEventStreamDecoder();
  assert.equal(decoder.push(bytes.subarray(0, 20)).length, 0);
  assert.equal(decoder.hasPartialMessage(), true);
});

test('a corrupted message is a format error, not a crash', async () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const bytes = codec.encode({
    headers: { ':event-type': { type: 'string', value: 'messageStart' } },
    body: fromUtf8('{"role":"assistant"}'),
  });
  bytes[bytes.length - 6] = 0x21;
  const decoder = await createEventStreamDecoder();
  assert.throws(() => decoder.push(bytes), EventStreamFormatError);
});
