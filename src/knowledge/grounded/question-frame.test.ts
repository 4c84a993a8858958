import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyseQuestion } from './question-analysis.js';

it('drops the verb of a "how does X work" question, which only frames it', () => {
  assert.deepEqual(analyseQuestion('How do budgets work?').stems, ['budget']);
  assert.equal(analyseQuestion('How does rate limiting work?').stems.length, 2);
  // Elsewhere "work" is content: it is what the question asks about.
  assert.ok(analyseQuestion('Where did Tesla work?').stems.includes('work'));
});
