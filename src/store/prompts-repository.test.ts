import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createPromptsRepository } from './prompts-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('prompts repository', (context) => {
  it('numbers versions, moves labels and resolves by label, version or latest', async () => {
    const store = await context.open();
    const prompts = createPromptsRepository(store.db);
    const messages = (text: string) => [{ role: 'user', content: text }];
    const first = await prompts.create({
      name: 'support',
      messages: messages('Answer {{question}}'),
      settings: { temperature: 0 },
      note: 'first',
      labels: ['production', 'staging'],
    });
    assert.equal(first.version, 1);
    assert.deepEqual(first.labels, ['production', 'staging']);
    const second = await prompts.create({
      name: 'support',
      messages: messages('Answer briefly: {{question}}'),
      settings: {},
      note: 'shorter',
      labels: ['staging'],
    });
    assert.equal(second.version, 2);
    assert.equal((await prompts.resolve('support', { label: 'production' }))?.version, 1);
    assert.equal((await prompts.resolve('support', { label: 'staging' }))?.version, 2);
    assert.deepEqual((await prompts.resolve('support'))?.messages, messages('Answer briefly: {{question}}'));
    assert.deepEqual((await prompts.resolve('support', { version: 1 }))?.settings, { temperature: 0 });
    assert.equal(await prompts.resolve('support', { label: 'absent' }), undefined);
    assert.equal(await prompts.resolve('support', { version: 9 }), undefined);
    assert.equal(await prompts.setLabel('support', 'production', 2), true);
    assert.equal(await prompts.setLabel('support', 'production', 7), false);
    assert.deepEqual(
      (await prompts.versions('support')).map((version) => [version.version, version.labels]),
      [
        [2, ['production', 'staging']],
        [1, []],
      ],
    );
    const [summary] = await prompts.list();
    assert.equal(summary?.latestVersion, 2);
    assert.deepEqual(summary?.labels, { production: 2, staging: 2 });
  });
});
