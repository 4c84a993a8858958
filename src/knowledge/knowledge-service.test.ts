import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StrataError } from '../core/errors.js';
import { openDatabase, type Store } from '../store/database.js';
import { createKnowledgeRepository } from '../store/knowledge-repository.js';
import { makePdf } from './ingest/testing/make-pdf.js';
import { makeDocx } from './ingest/testing/make-zip.js';
import { createKnowledgeService, type KnowledgeService } from './knowledge-service.js';
import { termOverlapFactory } from './testing/term-overlap-index.js';

const isCode = (code: string, param?: string) => (error: unknown) =>
  error instanceof StrataError && error.code === code && (param === undefined || error.param === param);

describe('knowledge service', () => {
  let home: string;
  let store: Store;
  let service: KnowledgeService;
  const factory = termOverlapFactory();
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'strata-knowledge-'));
    store = await openDatabase({ home });
    service = createKnowledgeService({ repository: createKnowledgeRepository(store.db), indexes: factory });
  });
  after(async () => {
    await service.close();
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  it('creates, lists and deletes knowledge bases, refusing bad names and settings', async () => {
    const created = await service.createBase({ name: 'faq', description: 'Questions', chunkTokens: 128 });
    assert.deepEqual(
      { ...created, createdAt: 'x' },
      {
        name: 'faq',
        description: 'Questions',
        chunkTokens: 128,
        chunkOverlap: 32,
        documents: 0,
        createdAt: 'x',
      },
    );
    await assert.rejects(service.createBase({ name: 'faq' }), isCode('invalid_request', 'name'));
    await assert.rejects(service.createBase({ name: 'Bad Name' }), isCode('invalid_request', 'name'));
    await assert.rejects(
      service.createBase({ name: 'x', chunkTokens: 4 }),
      isCode('invalid_request', 'chunk_tokens'),
    );
    await assert.rejects(
      service.createBase({ name: 'x', chunkTokens: 100, chunkOverlap: 60 }),
      isCode('invalid_request', 'chunk_overlap'),
    );
    assert.ok((await service.listBases()).some((base) => base.name === 'faq'));
    assert.equal(await service.deleteBase('faq'), true);
    await assert.rejects(service.getBase('faq'), isCode('not_found', 'kb'));
    await assert.rejects(service.search('faq', 'anything'), isCode('not_found', 'kb'));
  });

  it('upserts documents by id, skipping unchanged ones, and searches them with their spans', async () => {
    await service.createBase({ name: 'guide' });
    const text =
      '# Budgets\n\nBudgets cap the spend of a key.\n\n## Soft budgets\n\nSoft budgets only alert.';
    assert.equal(
      await service.upsertDocument('guide', { id: 'budgets', text, metadata: { team: 'ops' } }),
      'created',
    );
    assert.equal(
      await service.upsertDocument('guide', { id: 'budgets', text, metadata: { team: 'ops' } }),
      'unchanged',
    );
    const [hit] = await service.search('guide', 'soft budgets alert', { topK: 1 });
    assert.equal(hit?.id, 'budgets#1');
    assert.equal(hit?.documentId, 'budgets');
    assert.deepEqual(hit?.headingPath, ['Budgets', 'Soft budgets']);
    assert.equal(text.slice(hit?.charStart, hit?.charEnd), hit?.text);
    assert.deepEqual(hit?.metadata, { team: 'ops' });

    assert.equal(
      await service.upsertDocument('guide', { id: 'budgets', text: 'Keys rotate monthly.' }),
      'updated',
    );
    assert.deepEqual(await service.search('guide', 'soft budgets alert'), []);
    assert.equal((await service.search('guide', 'keys rotate'))[0]?.id, 'budgets#0');

    await service.upsertDocument('guide', {
      id: 'other',
      text: 'Keys are hashed.',
      metadata: { team: 'security' },
    });
    const filtered = await service.search('guide', 'keys', { filter: { team: 'security' } });
    assert.deepEqual(
      filtered.map((found) => found.documentId),
      ['other'],
    );
    assert.equal(await service.deleteDocument('guide', 'other'), true);
    assert.equal(await service.deleteDocument('guide', 'other'), false);
    assert.deepEqual(
      (await service.search('guide', 'keys')).map((found) => found.documentId),
      ['budgets'],
    );
    await assert.rejects(service.search('guide', '  '), isCode('invalid_request', 'query'));
    await service.upsertDocument('guide', { id: 'nul', text: 'Null\u0000 bytes\u0007 vanish.' });
    assert.equal((await service.search('guide', 'vanish'))[0]?.text, 'Null bytes vanish.');
  });

  it('ingests a folder of every format, reports a corrupt file and goes on, then dedupes and prunes', async () => {
    await service.createBase({ name: 'files' });
    const root = join(home, 'corpus');
    await mkdir(join(root, 'nested'), { recursive: true });
    await writeFile(join(root, 'a.md'), '# Routing\n\nCascades escalate to stronger models.');
    await writeFile(join(root, 'b.txt'), 'Plain text about tokenizers.');
    await writeFile(join(root, 'nested', 'c.html'), '<h1>Gateway</h1><p>The gateway speaks OpenAI.</p>');
    await writeFile(join(root, 'nested', 'd.pdf'), makePdf(['Ledger rows record every attempt']));
    await writeFile(
      join(root, 'e.docx'),
      makeDocx([
        ['Heading1', 'Guardrails'],
        ['', 'Guardrails block leaks.'],
      ]),
    );
    await writeFile(join(root, 'f.csv'), 'product,price\nwidget,3\n');
    await writeFile(join(root, 'g.jsonl'), '{"id":"q1","text":"Replay serves recorded outcomes."}\n');
    await writeFile(join(root, 'broken.json'), '{"oops":');
    const seen: number[] = [];
    const { job, finished } = await service.ingest('files', [{ path: root }], {
      root,
      onProgress: (progress) => seen.push(progress.done),
    });
    assert.equal(job.total, 8);
    const result = await finished;
    assert.equal(result.status, 'completed');
    // The vector leg is trained once the ingestion ends, before its snapshot is written.
    assert.ok(factory.trained >= 1);
    assert.deepEqual([result.done, result.created, result.failed], [8, 7, 1]);
    assert.deepEqual(result.errors, [
      { source: join(root, 'broken.json'), reason: result.errors[0]?.reason },
    ]);
    assert.match(result.errors[0]?.reason ?? '', /invalid JSON/);
    assert.equal(service.job(job.id)?.status, 'completed');
    assert.deepEqual(seen.slice(0, 3), [0, 1, 2]);
    for (const [query, id] of [
      ['cascades escalate', 'a.md'],
      ['tokenizers', 'b.txt'],
      ['gateway openai', 'nested/c.html'],
      ['ledger attempt', 'nested/d.pdf'],
      ['guardrails leaks', 'e.docx'],
      ['widget price', 'f.csv'],
      ['replay recorded', 'g.jsonl:q1'],
    ]) {
      assert.equal((await service.search('files', query as string, { topK: 1 }))[0]?.documentId, id, query);
    }

    await rm(join(root, 'b.txt'));
    const again = await (await service.ingest('files', [{ path: root }], { root, prune: true })).finished;
    assert.deepEqual(
      [again.created, again.updated, again.unchanged, again.deleted, again.failed],
      [0, 0, 6, 1, 1],
    );
    assert.deepEqual(await service.search('files', 'tokenizers'), []);

    const uploaded = await (
      await service.ingest('files', [
        { name: 'upload.md', bytes: Buffer.from('# Uploaded\n\nBytes from a client.') },
      ])
    ).finished;
    assert.equal(uploaded.created, 1);
    assert.equal((await service.search('files', 'bytes client'))[0]?.documentId, 'upload.md');
  });

  it('restores the index from its snapshot, and reloads when another process changed the base', async () => {
    await service.createBase({ name: 'persisted' });
    await service.upsertDocument('persisted', { id: 'one', text: 'Alpha bravo charlie.' });
    await service.flush();
    const second = termOverlapFactory();
    const repository = createKnowledgeRepository(store.db);
    const other = createKnowledgeService({ repository, indexes: second });
    assert.equal((await other.search('persisted', 'bravo'))[0]?.id, 'one#0');
    assert.deepEqual([second.restored, second.created], [1, 0]);

    await other.upsertDocument('persisted', { id: 'two', text: 'Delta echo.' });
    assert.equal((await service.search('persisted', 'delta echo'))[0]?.id, 'two#0');
    await other.close();

    // A snapshot of another format (an upgraded index) is rebuilt rather than read.
    const third = { ...termOverlapFactory(), format: 'test-term-overlap/2' };
    const rebuilt = createKnowledgeService({ repository, indexes: third });
    assert.equal((await rebuilt.search('persisted', 'alpha'))[0]?.id, 'one#0');
    await rebuilt.close();
  });

  it('closes at once while a big document is still being chunked, failing only that file', async () => {
    const closing = createKnowledgeService({
      repository: createKnowledgeRepository(store.db),
      indexes: factory,
    });
    await closing.createBase({ name: 'closing' });
    // Several megabytes of varied characters with no white space: seconds of chunking in the worker.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const blob = Array.from({ length: 4_000_000 }, (_, index) => alphabet[(index * 7919) % 61]).join('');
    const { finished } = await closing.ingest('closing', [{ name: 'blob.txt', bytes: Buffer.from(blob) }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await closing.close();
    assert.ok(performance.now() - started < 2000, 'close waited for the chunking to end');
    const job = await finished;
    assert.equal(job.failed, 1);
    assert.match(job.errors[0]?.reason ?? '', /worker/);
  });
});
