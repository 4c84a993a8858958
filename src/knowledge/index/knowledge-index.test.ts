import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { createKnowledgeIndex } from './knowledge-index.js';
import type { IndexedChunk } from './types.js';

const small: IndexedChunk[] = [
  { id: 'd1', text: 'apple banana apple' },
  { id: 'd2', text: 'banana cherry' },
  { id: 'd3', text: 'cherry cherry cherry date' },
];

// Worked by hand, k1 = 0.9, b = 0.4, N = 3, avgdl = 3:
//   idf(apple) = ln(1 + 2.5/1.5) = 0.980829; idf(banana) = idf(cherry) = ln(1 + 1.5/2.5) = 0.470004
//   d1 apple: tf 2, dl 3 → 0.980829 · 2·1.9 / (2 + 0.9·(0.6 + 0.4·3/3)) = 1.285225
//   d2 banana + cherry: tf 1, dl 2 → 2 · 0.470004 · 1.9 / (1 + 0.9·(0.6 + 0.4·2/3)) = 1.003379
//   d3 cherry: tf 3, dl 4 → 0.470004 · 3·1.9 / (3 + 0.9·(0.6 + 0.4·4/3)) = 0.666423
//   d1 banana: tf 1, dl 3 → 0.470004 · 1.9 / 1.9 = 0.470004
describe('createKnowledgeIndex: BM25', () => {
  it('scores a small corpus as worked out by hand', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert(small);
    const [apple] = await index.search('apple');
    assert.equal(apple?.id, 'd1');
    assert.ok(Math.abs((apple?.score ?? 0) - 1.285225) < 1e-5);
    const hits = await index.search('banana cherry');
    assert.deepEqual(
      hits.map((hit) => hit.id),
      ['d2', 'd3', 'd1'],
    );
    const expected = [1.003379, 0.666423, 0.470004];
    hits.forEach((hit, position) => {
      assert.ok(Math.abs(hit.score - (expected[position] ?? 0)) < 1e-5, `${hit.id}: ${hit.score}`);
      assert.equal(hit.bm25, hit.score);
    });
  });

  it('multiplies a term’s weight by its count in the query', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert(small);
    const [once] = await index.search('apple');
    const [twice] = await index.search('apple apples');
    assert.ok(Math.abs((twice?.score ?? 0) - 2 * (once?.score ?? 0)) < 1e-12);
  });

  it('breaks ties by insertion order, and an updated chunk keeps its place', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert([
      { id: 'b', text: 'same words here' },
      { id: 'a', text: 'same words here' },
      { id: 'c', text: 'same words here' },
    ]);
    assert.deepEqual(
      (await index.search('words')).map((hit) => hit.id),
      ['b', 'a', 'c'],
    );
    await index.upsert([{ id: 'b', text: 'same words here' }]);
    assert.deepEqual(
      (await index.search('words')).map((hit) => hit.id),
      ['b', 'a', 'c'],
    );
  });

  it('returns only matching chunks, at most topK, and nothing for stopword-only queries', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert(small);
    assert.equal((await index.search('cherry', { topK: 1 })).length, 1);
    assert.deepEqual(await index.search('the of and'), []);
    assert.deepEqual(await index.search('zebra'), []);
  });

  it('indexes the title with the text', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert([{ id: 't', title: 'Zebra crossing', text: 'road safety' }]);
    assert.equal((await index.search('zebra'))[0]?.id, 't');
  });

  it('rejects a bad topK, lambda or mode with a 400 naming the field', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert(small);
    await assert.rejects(index.search('apple', { topK: 0 }), (error: unknown) => {
      assert.ok(error instanceof StrataError);
      assert.equal(error.status, 400);
      assert.equal(error.param, 'top_k');
      return true;
    });
    await assert.rejects(index.search('apple', { mmr: { lambda: 2 } }), StrataError);
    await assert.rejects(index.search('apple', { mode: 'vector' }), /no vector leg/);
  });
});

function corpus(size: number, salt: string): IndexedChunk[] {
  const words = ['wing', 'flow', 'heat', 'shock', 'boundary', 'layer', 'pressure', 'mach', 'plate', 'cone'];
  return Array.from({ length: size }, (_, index) => ({
    id: `doc-${index}`,
    text: Array.from(
      { length: 5 + (index % 7) },
      (_, position) => words[(index * 3 + position * position) % words.length],
    )
      .concat(salt, String(index))
      .join(' '),
    metadata: { part: index % 3, kind: index % 2 === 0 ? 'even' : 'odd' },
  }));
}

describe('createKnowledgeIndex: incremental updates', () => {
  it('ranks after upserts and removals exactly as a fresh build of the final chunks', async () => {
    const initial = corpus(60, 'alpha');
    const incremental = createKnowledgeIndex({ lsa: false });
    await incremental.upsert(initial);
    const replaced = corpus(60, 'beta').filter((_, index) => index % 4 === 0);
    await incremental.upsert(replaced);
    const removed = initial.filter((_, index) => index % 5 === 1).map((chunk) => chunk.id);
    incremental.remove(removed);
    const added = corpus(80, 'gamma').slice(60);
    await incremental.upsert(added);

    const replacements = new Map(replaced.map((chunk) => [chunk.id, chunk]));
    const final = [
      ...initial
        .filter((chunk) => !removed.includes(chunk.id))
        .map((chunk) => replacements.get(chunk.id) ?? chunk),
      ...added,
    ];
    const fresh = createKnowledgeIndex({ lsa: false });
    await fresh.upsert(final);
    assert.equal(incremental.size, fresh.size);
    for (const query of [
      'wing flow',
      'beta heat',
      'alpha shock layer',
      'gamma cone 71',
      'pressure plate mach',
    ]) {
      const expected = await fresh.search(query, { topK: 100 });
      const actual = await incremental.search(query, { topK: 100 });
      assert.deepEqual(
        actual.map((hit) => hit.id),
        expected.map((hit) => hit.id),
        query,
      );
      actual.forEach((hit, position) => {
        assert.ok(Math.abs(hit.score - (expected[position]?.score ?? 0)) < 1e-9);
      });
    }
    assert.deepEqual(await incremental.search('doc 1'), await fresh.search('doc 1'));
  });

  it('ignores unknown ids on remove and keeps the last of duplicate ids in one upsert', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert([
      { id: 'x', text: 'first version' },
      { id: 'x', text: 'second version' },
    ]);
    index.remove(['nope']);
    assert.equal(index.size, 1);
    assert.deepEqual(await index.search('first'), []);
    assert.equal((await index.search('second'))[0]?.id, 'x');
  });
});

describe('createKnowledgeIndex: metadata filters', () => {
  it('keeps chunks whose metadata equals each value or is in each list', async () => {
    const index = createKnowledgeIndex({ lsa: false });
    await index.upsert(corpus(30, 'alpha'));
    const even = await index.search('alpha', { topK: 30, filter: { kind: 'even' } });
    assert.equal(even.length, 15);
    const some = await index.search('alpha', { topK: 30, filter: { kind: 'odd', part: [0, 2] } });
    assert.deepEqual(
      some.map((hit) => Number(hit.id.split('-')[1]) % 2 === 1 && Number(hit.id.split('-')[1]) % 3 !== 1),
      some.map(() => true),
    );
    assert.equal(some.length, 10);
    assert.deepEqual(await index.search('alpha', { filter: { missing: 'x' } }), []);
    assert.deepEqual(await index.search('alpha', { filter: { part: '0' } }), [], 'types must match too');
  });

  it('filters the vector and hybrid legs the same way', async () => {
    const index = createKnowledgeIndex();
    await index.upsert(corpus(40, 'alpha'));
    for (const mode of ['vector', 'hybrid'] as const) {
      const hits = await index.search('wing flow', { topK: 40, mode, filter: { part: 1 } });
      assert.ok(hits.length > 0);
      assert.ok(
        hits.every((hit) => Number(hit.id.split('-')[1]) % 3 === 1),
        mode,
      );
    }
  });
});
