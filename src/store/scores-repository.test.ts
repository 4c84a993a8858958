import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createScoresRepository } from './scores-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('scores repository', (context) => {
  it('stores scores on requests and sessions and averages a named score by source', async () => {
    const store = await context.open();
    const scores = createScoresRepository(store.db);
    const base = { sessionId: null, category: null, comment: null } as const;
    const up = await scores.add({
      ...base,
      requestId: 'req_a',
      name: 'helpful',
      kind: 'thumbs',
      value: 1,
      source: 'human',
      comment: 'great',
    });
    await scores.add({
      ...base,
      requestId: 'req_a',
      name: 'quality',
      kind: 'number',
      value: 0.4,
      source: 'online',
    });
    await scores.add({
      ...base,
      requestId: 'req_b',
      name: 'quality',
      kind: 'number',
      value: 0.8,
      source: 'online',
    });
    await scores.add({
      ...base,
      requestId: null,
      sessionId: 'sess_1',
      name: 'topic',
      kind: 'category',
      value: null,
      source: 'human',
      category: 'billing',
    });
    const byRequest = await scores.ofRequests(['req_a', 'req_b', 'req_none']);
    assert.deepEqual(
      byRequest.get('req_a')?.map((score) => [score.name, score.value]),
      [
        ['helpful', 1],
        ['quality', 0.4],
      ],
    );
    assert.equal(byRequest.get('req_a')?.[0]?.comment, 'great');
    assert.equal(byRequest.get('req_a')?.[0]?.id, up.id);
    assert.equal(byRequest.has('req_none'), false);
    assert.deepEqual(
      (await scores.ofSession('sess_1')).map((score) => score.category),
      ['billing'],
    );
    const mean = await scores.mean('quality', 'online', '2000-01-01T00:00:00.000Z');
    assert.equal(mean.count, 2);
    assert.ok(Math.abs((mean.mean ?? 0) - 0.6) < 1e-9);
    assert.deepEqual(await scores.mean('quality', 'human', '2000-01-01T00:00:00.000Z'), {
      mean: null,
      count: 0,
    });
  });
});
