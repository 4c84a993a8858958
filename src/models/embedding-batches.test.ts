import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddingRequest, EmbeddingResponse } from '../core/types.js';
import { embedInBatches } from './embedding-batches.js';

/** A provider stand-in that embeds each string as [its length, its position in the batch]. */
function recordingEmbed(calls: EmbeddingRequest[]) {
  return async (request: EmbeddingRequest): Promise<EmbeddingResponse> => {
    calls.push(request);
    const inputs = typeof request.input === 'string' ? [request.input] : (request.input as string[]);
    return {
      object: 'list',
      model: 'm',
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, index] })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    };
  };
}

test('a large input is split into batches and merged back in order with summed usage', async () => {
  const calls: EmbeddingRequest[] = [];
  const inputs = Array.from({ length: 25 }, (_, index) => 'x'.repeat(index + 1));
  const answer = await embedInBatches(
    { model: 'm', input: inputs, dimensions: 8 },
    10,
    recordingEmbed(calls),
  );
  assert.deepEqual(
    calls.map((call) => (call.input as string[]).length),
    [10, 10, 5],
  );
  assert.ok(calls.every((call) => call.dimensions === 8));
  assert.deepEqual(
    answer.data.map((item) => item.index),
    Array.from({ length: 25 }, (_, index) => index),
  );
  assert.deepEqual(
    answer.data.map((item) => (item.embedding as number[])[0]),
    inputs.map((text) => text.length),
  );
  assert.deepEqual(answer.usage, { prompt_tokens: 25, total_tokens: 25 });
});

test('a small input, one string or one token array goes out as one call', async () => {
  const calls: EmbeddingRequest[] = [];
  const embed = recordingEmbed(calls);
  await embedInBatches({ model: 'm', input: ['a', 'b'] }, 10, embed);
  await embedInBatches({ model: 'm', input: 'a' }, 1, embed);
  await embedInBatches({ model: 'm', input: [1, 2, 3] }, 1, embed);
  assert.equal(calls.length, 3);
});
