import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createKnowledgeRepository, type KnowledgeRepository } from './knowledge-repository.js';
import { eachDialect } from './testing/each-dialect.js';

function chunksOf(texts: string[]) {
  let offset = 0;
  return texts.map((text, position) => {
    const chunk = {
      id: `c${position}-${text}`,
      position,
      text,
      headingPath: ['Intro', `Part ${position}`],
      charStart: offset,
      charEnd: offset + text.length,
      tokenCount: text.split(' ').length,
    };
    offset += text.length + 1;
    return chunk;
  });
}

eachDialect('knowledge repository', (context) => {
  let store: Store;
  let knowledge: KnowledgeRepository;
  before(async () => {
    store = await context.open();
    knowledge = createKnowledgeRepository(store.db);
  });

  it('creates, lists and refuses a duplicate knowledge base', async () => {
    const created = await knowledge.createBase({
      name: 'docs',
      description: 'Manuals',
      settings: { chunk_tokens: 200 },
    });
    assert.equal(created.revision, 0);
    await knowledge.createBase({ name: 'alpha' });
    await assert.rejects(knowledge.createBase({ name: 'docs' }));
    const names = (await knowledge.listBases()).map((base) => base.name);
    assert.deepEqual(names, ['alpha', 'docs']);
    assert.deepEqual((await knowledge.getBase('docs'))?.settings, { chunk_tokens: 200 });
    assert.equal(await knowledge.getBase('missing'), undefined);
  });

  it('replaces a document and its chunks, bumping the revision each time', async () => {
    await knowledge.createBase({ name: 'replace' });
    const document = {
      id: 'guide',
      source: 'guide.md',
      title: 'Guide',
      contentHash: 'h1',
      metadata: { lang: 'en' },
    };
    const first = await knowledge.putDocument('replace', document, chunksOf(['one two', 'three']));
    assert.equal(first, 1);
    const second = await knowledge.putDocument(
      'replace',
      { ...document, contentHash: 'h2' },
      chunksOf(['four']),
    );
    assert.equal(second, 2);
    const stored = await knowledge.getDocument('replace', 'guide');
    assert.equal(stored?.contentHash, 'h2');
    assert.equal(stored?.chunkCount, 1);
    assert.deepEqual(stored?.metadata, { lang: 'en' });
    const chunks = await knowledge.listChunks('replace');
    assert.deepEqual(
      chunks.map((chunk) => [
        chunk.text,
        chunk.documentId,
        chunk.headingPath,
        chunk.charStart,
        chunk.charEnd,
      ]),
      [['four', 'guide', ['Intro', 'Part 0'], 0, 4]],
    );
    assert.equal(await knowledge.countDocuments('replace'), 1);
  });

  it('stores many chunks of one document in order', async () => {
    await knowledge.createBase({ name: 'large' });
    const texts = Array.from({ length: 1203 }, (_, index) => `chunk ${index}`);
    await knowledge.putDocument(
      'large',
      { id: 'big', source: 'big.txt', title: null, contentHash: 'x', metadata: {} },
      chunksOf(texts),
    );
    const chunks = await knowledge.documentChunks('large', 'big');
    assert.equal(chunks.length, 1203);
    assert.equal(chunks[1202]?.text, 'chunk 1202');
  });

  it('deletes a document with its chunks, and reports an unknown one', async () => {
    await knowledge.createBase({ name: 'removal' });
    await knowledge.putDocument(
      'removal',
      { id: 'a', source: 'a', title: null, contentHash: 'a', metadata: {} },
      chunksOf(['x']),
    );
    await knowledge.putDocument(
      'removal',
      { id: 'b', source: 'b', title: null, contentHash: 'b', metadata: {} },
      chunksOf(['y']),
    );
    assert.equal(await knowledge.deleteDocument('removal', 'a'), 3);
    assert.equal(await knowledge.deleteDocument('removal', 'a'), undefined);
    assert.deepEqual(
      (await knowledge.listDocuments('removal')).map((document) => document.id),
      ['b'],
    );
    assert.deepEqual(
      (await knowledge.listChunks('removal')).map((chunk) => chunk.text),
      ['y'],
    );
  });

  it('saves and replaces an index snapshot, and drops everything with its base', async () => {
    await knowledge.createBase({ name: 'snap' });
    await knowledge.saveSnapshot({ kb: 'snap', revision: 1, format: 'test/1', data: '{"a":1}' });
    await knowledge.saveSnapshot({ kb: 'snap', revision: 2, format: 'test/1', data: '{"a":2}' });
    const snapshot = await knowledge.loadSnapshot('snap');
    assert.equal(snapshot?.revision, 2);
    assert.equal(snapshot?.data, '{"a":2}');
    await knowledge.putDocument(
      'snap',
      { id: 'd', source: 'd', title: null, contentHash: 'd', metadata: {} },
      chunksOf(['z']),
    );
    assert.equal(await knowledge.deleteBase('snap'), true);
    assert.equal(await knowledge.deleteBase('snap'), false);
    assert.equal(await knowledge.loadSnapshot('snap'), undefined);
    assert.deepEqual(await knowledge.listChunks('snap'), []);
    assert.deepEqual(await knowledge.listDocuments('snap'), []);
  });
});
