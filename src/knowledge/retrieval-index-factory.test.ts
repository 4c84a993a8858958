import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openDatabase } from '../store/database.js';
import { createKnowledgeRepository } from '../store/knowledge-repository.js';
import { createKnowledgeService } from './knowledge-service.js';
import { retrievalIndexFactory } from './retrieval-index-factory.js';

it('serves knowledge bases from the retrieval index, across a restart from its snapshot', async () => {
  const home = await mkdtemp(join(tmpdir(), 'strata-retrieval-kb-'));
  const store = await openDatabase({ home });
  try {
    const repository = createKnowledgeRepository(store.db);
    const service = createKnowledgeService({ repository, indexes: retrievalIndexFactory() });
    await service.createBase({ name: 'docs' });
    await service.upsertDocument('docs', {
      id: 'budgets.md',
      text: '# Budgets\n\nA hard budget refuses calls once the spend reaches its limit.\n\n# Keys\n\nVirtual keys are hashed with SHA-256.',
      metadata: { section: 'tokens' },
    });
    await service.upsertDocument('docs', {
      id: 'routing.md',
      text: 'Cascades escalate from a cheap model to a strong one.',
    });
    const [hit] = await service.search('docs', 'What happens when spending reaches the budget limit?', {
      topK: 2,
    });
    assert.equal(hit?.id, 'budgets.md#0');
    assert.deepEqual(
      (await service.search('docs', 'model', { filter: { section: 'tokens' }, mode: 'bm25' })).map(
        (found) => found.documentId,
      ),
      [],
    );
    await service.close();

    const restarted = createKnowledgeService({ repository, indexes: retrievalIndexFactory() });
    const [again] = await restarted.search('docs', 'cascades escalate', { topK: 1, mode: 'bm25' });
    assert.equal(again?.id, 'routing.md#0');
    await restarted.close();
  } finally {
    await store.close();
    await rm(home, { recursive: true, force: true });
  }
});
