import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { createKnowledgeIndex } from './knowledge-index.js';
import type { EmbedFunction, IndexedChunk } from './types.js';

const topics = {
  vehicle: ['car', 'automobile', 'engine', 'wheel', 'driver', 'road'],
  fruit: ['apple', 'fruit', 'orchard', 'juice', 'tree', 'harvest'],
};

function topicCorpus(): IndexedChunk[] {
  const chunks: IndexedChunk[] = [];
  for (const [topic, words] of Object.entries(topics)) {
    // Overlapping windows of three words: each topic is one chain of co-occurrences.
    for (let index = 0; index < words.length; index++) {
      const text = [0, 1, 2].map((offset) => words[(index + offset) % words.length]).join(' ');
      chunks.push({ id: `${topic}-${index}`, text });
    }
  }
  return chunks;
}

describe('the local LSA leg', () => {
  it('finds chunks of the query’s topic that share no word with it', async () => {
    const index = createKnowledgeIndex();
    assert.equal(index.vectorLeg, 'lsa');
    const chunks = topicCorpus();
    await index.upsert(chunks);
    const hits = await index.search('car', { mode: 'vector', topK: 6 });
    assert.ok(
      hits.every((hit) => hit.id.startsWith('vehicle')),
      JSON.stringify(hits),
    );
    const withoutCar = new Set(
      chunks.filter((chunk) => !chunk.text.includes('car')).map((chunk) => chunk.id),
    );
    assert.ok(hits.some((hit) => withoutCar.has(hit.id)));
    const hybrid = await index.search('car', { topK: 6 });
    assert.ok(hybrid.every((hit) => hit.id.startsWith('vehicle')));
    assert.ok(hybrid.some((hit) => hit.bm25 === undefined && (hit.vector ?? 0) > 0));
  });

  it('retrains only after enough of the corpus changed', async () => {
    const index = createKnowledgeIndex({ lsa: { retrainFraction: 0.2 } });
    await index.upsert(topicCorpus());
    index.refreshVectors();
    // 2 of 12 chunks (17%): folded into the old model, which has never seen "zebra".
    await index.upsert([
      { id: 'z1', text: 'zebra stripes' },
      { id: 'z2', text: 'zebra savanna' },
    ]);
    const before = await index.search('zebra', { mode: 'vector', topK: 3 });
    assert.ok(
      before.every((hit) => hit.score <= 1e-9),
      JSON.stringify(before),
    );
    // Two more (4 of 12, 33%): the next vector search retrains and knows the word.
    await index.upsert([
      { id: 'z3', text: 'zebra herd' },
      { id: 'z4', text: 'zebra foal' },
    ]);
    const after = await index.search('zebra', { mode: 'vector', topK: 4 });
    assert.deepEqual(after.map((hit) => hit.id).sort(), ['z1', 'z2', 'z3', 'z4']);
    assert.ok(after.every((hit) => hit.score > 0.5));
  });

  it('is deterministic for a seed', async () => {
    const first = createKnowledgeIndex();
    const second = createKnowledgeIndex();
    await first.upsert(topicCorpus());
    await second.upsert(topicCorpus());
    assert.deepEqual(
      await first.search('apple tree', { mode: 'vector' }),
      await second.search('apple tree', { mode: 'vector' }),
    );
  });
});

// A stand-in embedding model: one dimension per topic, counting the topic's words and their synonyms.
const synonyms = {
  vehicle: [...topics.vehicle, 'truck', 'vehicle'],
  fruit: [...topics.fruit, 'pear', 'berry'],
};
const fakeEmbed: EmbedFunction = async (texts) =>
  texts.map((text) => {
    const words = text.toLowerCase().split(/\W+/);
    return [synonyms.vehicle, synonyms.fruit].map(
      (list) => words.filter((word) => list.includes(word)).length + 0.01,
    );
  });

describe('an injected embedding model', () => {
  it('replaces LSA and brings in matches BM25 cannot see', async () => {
    let calls = 0;
    const embed: EmbedFunction = async (texts) => {
      calls++;
      return fakeEmbed(texts);
    };
    const index = createKnowledgeIndex({ embed });
    assert.equal(index.vectorLeg, 'embedding');
    await index.upsert(topicCorpus());
    assert.equal(calls, 1, 'one embed call per upsert batch');
    assert.deepEqual(await index.search('truck', { mode: 'bm25' }), []);
    const hits = await index.search('truck', { topK: 5 });
    assert.equal(hits.length, 5);
    assert.ok(hits.every((hit) => hit.id.startsWith('vehicle') && (hit.vector ?? 0) > 0.9));
    const rrf = await index.search('pear apple', { topK: 3, fusion: 'rrf' });
    assert.ok(rrf.every((hit) => hit.id.startsWith('fruit')));
  });

  it('rejects an embedder that returns the wrong number of vectors, and indexes nothing', async () => {
    const index = createKnowledgeIndex({ embed: async () => [[1, 2]] });
    await assert.rejects(
      index.upsert([
        { id: 'a', text: 'one' },
        { id: 'b', text: 'two' },
      ]),
      (error: unknown) => error instanceof StrataError && error.code === 'upstream_malformed_response',
    );
    assert.equal(index.size, 0);
  });
});

describe('concurrent searches', () => {
  it('answer as they would one at a time, even while the embedder is slow', async () => {
    const slowEmbed: EmbedFunction = async (texts) => {
      await new Promise((resolve) => setTimeout(resolve, texts.length === 1 ? Math.random() * 5 : 0));
      return fakeEmbed(texts);
    };
    const index = createKnowledgeIndex({ embed: slowEmbed });
    await index.upsert(topicCorpus());
    const queries = ['car engine', 'apple juice', 'truck road', 'pear tree', 'wheel', 'harvest'];
    const sequential = [];
    for (const query of queries) sequential.push(await index.search(query, { topK: 4 }));
    const concurrent = await Promise.all(queries.map((query) => index.search(query, { topK: 4 })));
    assert.deepEqual(concurrent, sequential);
  });
});

describe('chunks without any evidence', () => {
  it('are never returned, in any mode or fusion', async () => {
    const index = createKnowledgeIndex();
    await index.upsert([...topicCorpus(), { id: 'empty', text: '' }, { id: 'noise', text: '1234 5678' }]);
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      for (const fusion of ['weighted', 'rrf'] as const) {
        const hits = await index.search('car engine', { mode, fusion, topK: 50 });
        assert.ok(hits.length > 0);
        assert.ok(!hits.some((hit) => hit.id === 'empty' || hit.id === 'noise'), `${mode} ${fusion}`);
        assert.ok(hits.every((hit) => (hit.bm25 ?? 0) > 0 || (hit.vector ?? 0) > 0));
      }
    }
  });
});
