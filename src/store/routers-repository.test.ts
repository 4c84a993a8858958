import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRoutersRepository } from './routers-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('routers repository', (context) => {
  it('saves, replaces, reads back and lists trained routers', async () => {
    const store = await context.open();
    const routers = createRoutersRepository(store.db);
    const router = {
      name: 'support',
      kind: 'knn',
      trained_at: '2026-11-23T04:00:00.000Z',
      training_rows: 3,
      source: 'outcomes.jsonl (train)',
      model: 'x'.repeat(200_000),
    };
    await routers.save(router);
    await routers.save({ ...router, training_rows: 4, model: '{"v":2}' });
    assert.deepEqual(await routers.get('support'), { ...router, training_rows: 4, model: '{"v":2}' });
    assert.equal(await routers.get('absent'), undefined);
    assert.deepEqual(await routers.list(), [
      {
        name: 'support',
        kind: 'knn',
        trained_at: router.trained_at,
        training_rows: 4,
        source: router.source,
      },
    ]);
  });
});
