import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatRequest } from '../core/types.js';
import { createRequestGroundedness } from './request-groundedness.js';

const passages = [
  { id: 'p1', text: 'The gateway listens on port 4100 by default.' },
  { id: 'p2', text: 'Budgets reserve the estimated cost before a call.' },
];

function request(extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'm', messages: [{ role: 'user', content: 'Which port?' }], ...extra };
}

test('it checks an answer against the passages the request carries', async () => {
  const grounded = createRequestGroundedness();
  const good = await grounded('The gateway listens on port 4100 [1].', request({ passages }));
  assert.equal(good.score, 1);
  const bad = await grounded('The gateway listens on port 8080 [1].', request({ passages }));
  assert.ok(bad.score < 0.5);
  assert.match(bad.reason, /"8080"/);
});

test('without passages in the request it retrieves them for the last user message', async () => {
  const asked: string[] = [];
  const grounded = createRequestGroundedness({
    retrieve: async (query) => {
      asked.push(query);
      return passages;
    },
  });
  const verdict = await grounded('Budgets reserve the estimated cost before a call [2].', request());
  assert.deepEqual(asked, ['Which port?']);
  assert.equal(verdict.score, 1);
  assert.deepEqual(await createRequestGroundedness()('Anything [1].', request()), {
    score: 0,
    reason: 'no passages to check the answer against',
  });
});
