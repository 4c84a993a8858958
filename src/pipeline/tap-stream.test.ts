import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatChunk } from '../core/types.js';
import { tapStream } from './tap-stream.js';

function chunk(content: string, usage?: ChatChunk['usage']): ChatChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
    ...(usage && { usage }),
  };
}

async function* source(fail?: StrataError): AsyncGenerator<ChatChunk> {
  yield chunk('a');
  yield chunk('b', { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  if (fail) throw fail;
}

test('a drained stream reports its usage and time to first chunk', async () => {
  const tapped = tapStream(source(), performance.now());
  const seen = [];
  for await (const item of tapped.chunks) seen.push(item.choices[0]?.delta.content);
  const summary = await tapped.summary;
  assert.deepEqual(seen, ['a', 'b']);
  assert.equal(summary.usage?.total_tokens, 5);
  assert.ok(summary.ttftMs !== undefined && summary.ttftMs >= 0);
  assert.equal(summary.aborted, false);
  assert.equal(summary.error, undefined);
});

test('a stream that breaks reports the error, and one abandoned early reports aborted', async () => {
  const broken = tapStream(source(new StrataError('upstream_error', 'gone')), performance.now());
  await assert.rejects(async () => {
    for await (const _ of broken.chunks);
  }, /gone/);
  assert.equal((await broken.summary).error?.code, 'upstream_error');

  let closed = false;
  async function* endless(): AsyncGenerator<ChatChunk> {
    try {
      for (;;) yield chunk('x');
    } finally {
      closed = true;
    }
  }
  const abandoned = tapStream(endless(), performance.now());
  for await (const _ of abandoned.chunks) break;
  assert.equal((await abandoned.summary).aborted, true);
  assert.ok(closed, 'the source was closed');
});
