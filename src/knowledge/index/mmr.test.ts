import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKnowledgeIndex } from './knowledge-index.js';
import { maximalMarginalRelevance } from './mmr.js';

describe('maximalMarginalRelevance', () => {
  // 0 and 1 are near duplicates; 2 is less relevant but different.
  const similarity = (a: number, b: number) => (a + b === 1 ? 0.99 : 0.1);

  it('with lambda 1 keeps the relevance order', () => {
    assert.deepEqual(maximalMarginalRelevance([1, 0.95, 0.6], similarity, 1, 3), [0, 1, 2]);
  });

  it('with a lower lambda skips the near duplicate', () => {
    assert.deepEqual(maximalMarginalRelevance([1, 0.95, 0.6], similarity, 0.5, 2), [0, 2]);
  });
});

describe('MMR re-ranking', () => {
  it('moves a near-duplicate below a different relevant chunk', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert([
      { id: 'original', text: 'shock wave boundary layer interaction on a flat plate' },
      { id: 'copy', text: 'shock wave boundary layer interaction on a flat plate' },
      { id: 'other', text: 'shock tube measurements of heat transfer' },
    ]);
    const plain = await index.search('shock wave boundary', { topK: 2 });
    assert.deepEqual(
      plain.map((hit) => hit.id),
      ['original', 'copy'],
    );
    const diverse = await index.search('shock wave boundary', { topK: 2, mmr: { lambda: 0.3 } });
    assert.deepEqual(
      diverse.map((hit) => hit.id),
      ['original', 'other'],
    );
  });
});
