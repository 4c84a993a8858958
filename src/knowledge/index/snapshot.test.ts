import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { createKnowledgeIndex, restoreKnowledgeIndex } from './knowledge-index.js';
import type { EmbedFunction, IndexedChunk } from './types.js';

const chunks: IndexedChunk[] = Array.from({ length: 40 }, (_, index) => ({
  id: `c${index}`,
  title: index % 2 === 0 ? 'Supersonic flow' : 'Heat transfer',
  text: `chunk ${index} about ${['wings', 'cones', 'plates', 'shocks'][index % 4]} and ${['pressure', 'temperature'][index % 2]}`,
  metadata: { group: index % 4, even: index % 2 === 0 },
}));

const queries = ['supersonic wings', 'heat transfer plates', 'pressure cones', 'chunk 7'];

describe('snapshot and restore', () => {
  it('restores an index that answers exactly as the original, in every mode', async () => {
    const original = createKnowledgeIndex({ k1: 1.2, b: 0.75 });
    await original.upsert(chunks);
    original.remove(['c3', 'c4']);
    original.refreshVectors();
    const bytes = original.snapshot();
    assert.ok(bytes instanceof Uint8Array);
    const restored = restoreKnowledgeIndex(bytes);
    assert.equal(restored.size, 38);
    for (const query of queries) {
      for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
        assert.deepEqual(
          await restored.search(query, { mode, topK: 20 }),
          await original.search(query, { mode, topK: 20 }),
        );
      }
      assert.deepEqual(
        await restored.search(query, { filter: { even: true } }),
        await original.search(query, { filter: { even: true } }),
      );
    }
  });

  it('keeps working incrementally after a restore, like the original would', async () => {
    const original = createKnowledgeIndex({ lsa: false });
    await original.upsert(chunks.slice(0, 30));
    const restored = restoreKnowledgeIndex(original.snapshot());
    for (const index of [original, restored]) {
      await index.upsert(chunks.slice(30));
      index.remove(['c0', 'c31']);
    }
    for (const query of queries) assert.deepEqual(await restored.search(query), await original.search(query));
  });

  it('round-trips embeddings and requires the embedder on restore', async () => {
    const embed: EmbedFunction = async (texts) =>
      texts.map((text) => [text.length, text.split(' ').length, 1]);
    const original = createKnowledgeIndex({ embed });
    await original.upsert(chunks);
    const bytes = original.snapshot();
    assert.throws(() => restoreKnowledgeIndex(bytes), StrataError);
    const restored = restoreKnowledgeIndex(bytes, { embed });
    assert.deepEqual(await restored.search('pressure'), await original.search('pressure'));
  });

  it('rejects bytes that are not a snapshot', () => {
    assert.throws(
      () => restoreKnowledgeIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])),
      /Not a knowledge index snapshot/,
    );
  });
});
