import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createDatasetsRepository } from './datasets-repository.js';
import { eachDialect } from './testing/each-dialect.js';

const question = (text: string) => [{ role: 'user', content: text }];

eachDialect('datasets repository', (context) => {
  it('keeps every version of a dataset readable while items are added, replaced and removed', async () => {
    const store = await context.open();
    const datasets = createDatasetsRepository(store.db);
    assert.equal(await datasets.create('capitals', 'Capital cities'), true);
    assert.equal(await datasets.create('capitals', 'again'), false);
    const first = await datasets.put('capitals', [
      { key: 'fr', input: question('Capital of France?'), expected: 'Paris', metadata: { region: 'eu' } },
      { key: 'de', input: question('Capital of Germany?'), expected: 'Bonn', metadata: {} },
    ]);
    assert.deepEqual(first, { version: 1, keys: ['fr', 'de'] });
    const second = await datasets.put('capitals', [
      { key: 'de', input: question('Capital of Germany?'), expected: 'Berlin', metadata: {} },
      { input: question('Capital of Japan?'), expected: 'Tokyo', metadata: {}, sourceRequestId: 'req_1' },
    ]);
    assert.equal(second.version, 2);
    const removed = await datasets.remove('capitals', ['fr', 'absent']);
    assert.deepEqual(removed, { version: 3, removed: 1 });

    const v1 = await datasets.items('capitals', 1);
    assert.deepEqual(
      v1.map((item) => [item.key, item.expected]),
      [
        ['fr', 'Paris'],
        ['de', 'Bonn'],
      ],
    );
    assert.deepEqual(v1[0]?.metadata, { region: 'eu' });
    assert.deepEqual(v1[0]?.input, question('Capital of France?'));
    const latest = await datasets.items('capitals');
    assert.deepEqual(
      latest.map((item) => [
        item.key === second.keys[1] ? 'new' : item.key,
        item.expected,
        item.sourceRequestId,
      ]),
      [
        ['de', 'Berlin', null],
        ['new', 'Tokyo', 'req_1'],
      ],
    );
    assert.deepEqual(await datasets.items('capitals', 3), latest);
    const listed = await datasets.get('capitals');
    assert.equal(listed?.version, 3);
    assert.equal(listed?.items, 2);
    await assert.rejects(datasets.put('nowhere', []), /no dataset nowhere/);
    assert.equal(await datasets.delete('capitals'), true);
    assert.deepEqual(await datasets.items('capitals', 1), []);
    assert.equal(await datasets.delete('capitals'), false);
  });
});
