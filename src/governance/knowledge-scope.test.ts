import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Principal } from '../core/types.js';
import { canReadKnowledge, knowledgeScopeOf } from './knowledge-scope.js';

const virtual = (knowledge: string[]): Principal => ({
  kind: 'virtual',
  keyId: 'k',
  keyName: 'k',
  team: null,
  knowledge,
});

it('reads the knowledge scope from key metadata as a list or a comma-separated string', () => {
  assert.deepEqual(knowledgeScopeOf({ knowledge: 'docs, faq,' }), ['docs', 'faq']);
  assert.deepEqual(knowledgeScopeOf({ knowledge: ['docs', 3, ' x '] }), ['docs', 'x']);
  assert.deepEqual(knowledgeScopeOf({}), []);
});

it('lets the master key read every base and a virtual key only its own', () => {
  assert.equal(
    canReadKnowledge({ kind: 'master', keyId: null, keyName: 'master', team: null }, 'docs'),
    true,
  );
  assert.equal(canReadKnowledge(virtual(['docs']), 'docs'), true);
  assert.equal(canReadKnowledge(virtual(['docs']), 'faq'), false);
  assert.equal(canReadKnowledge(virtual(['*']), 'faq'), true);
  assert.equal(canReadKnowledge({ kind: 'virtual', keyId: 'k', keyName: 'k', team: null }, 'docs'), false);
});
