import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateChatTokens } from './estimate.js';

test('the estimate is a quarter of the message characters plus the answer budget', () => {
  const estimate = estimateChatTokens({
    model: 'any',
    max_tokens: 100,
    messages: [
      { role: 'system', content: 'x'.repeat(40) },
      { role: 'user', content: [{ type: 'text', text: 'y'.repeat(41) }] },
      { role: 'assistant', content: null },
    ],
  });
  assert.equal(estimate, 10 + 11 + 100);
  assert.equal(estimateChatTokens({ model: 'any', messages: [{ role: 'user', content: '' }] }), 0);
});
