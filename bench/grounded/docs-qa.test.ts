import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageRoot } from '../../src/knowledge/project-docs.js';
import { loadDocsQuestions, passes, runDocsQa } from './docs-qa.js';

const key = [
  'install-what-is',
  'install-start',
  'call-sdk',
  'call-embeddings',
  'ops-json-logs',
  'config-anthropic',
  'config-postgres',
  'budget-set',
  'route-learned',
  'install-port',
  'kb-create',
  'off-capital',
  'off-bread',
];

test('key docs questions answer with their fact from this repository’s own docs, off-topic ones abstain', async () => {
  const questions = loadDocsQuestions().filter((question) => key.includes(question.id));
  assert.equal(questions.length, key.length);
  const report = await runDocsQa(packageRoot(), questions);
  for (const outcome of report.outcomes) {
    assert.ok(outcome.passed, `${outcome.question} → ${outcome.answer}`);
  }
});

test('a fragment is never a passing answer, however it matches', () => {
  const question = { id: 'x', half: 'tuning' as const, topic: 't', question: 'q', expect: 'AIQ' };
  assert.equal(passes(question, 'AIQ [1][2]', false), false);
  assert.equal(passes(question, 'The table reports AIQ for each router family. [1]', false), true);
  assert.equal(passes({ ...question, expect: null }, 'Insufficient information.', true), true);
});

test('the questions file has at least 40 on-topic questions and 10 off-topic ones, split in two halves', () => {
  const questions = loadDocsQuestions();
  assert.ok(questions.filter((question) => question.expect !== null).length >= 40);
  assert.ok(questions.filter((question) => question.expect === null).length >= 10);
  assert.deepEqual(new Set(questions.map((question) => question.half)), new Set(['tuning', 'held_out']));
  assert.equal(new Set(questions.map((question) => question.id)).size, questions.length);
});
