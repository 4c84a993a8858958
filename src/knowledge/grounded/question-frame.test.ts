import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyseQuestion } from './question-analysis.js';

it('drops the verb of a "how does X work" question, which only frames it', () => {
  assert.deepEqual(analyseQuestion('How do budgets work?').stems, ['budget']);
  assert.equal(analyseQuestion('How does rate limiting work?').stems.length, 2);
  // Elsewhere "work" is content: it is what the question asks about.
  assert.ok(analyseQuestion('Where did Tesla work?').stems.includes('work'));
});

it('drops contractions and light verbs, and frames filler words, which say nothing of what is asked', () => {
  assert.deepEqual(analyseQuestion("How can I tell which keys I've revoked?").stems, ['kei', 'revok']);
  assert.deepEqual(analyseQuestion('Does it actually retry?').frame, ['actual']);
});

it('frames the nouns naming the kind of answer a typed question wants', () => {
  const analysed = analyseQuestion('What time periods can a budget cover?');
  assert.deepEqual(analysed.frame, ['time', 'period']);
  assert.ok(analysed.stems.includes('budget'));
});

it("frames the asker's own amounts, which docs do not repeat, and reads an identifier's words", () => {
  assert.deepEqual(analyseQuestion('How do I stop a key spending $5 a day?').frame, ['5']);
  assert.deepEqual(analyseQuestion('Send 75% of traffic to one model').frame, ['75']);
  assert.ok(analyseQuestion('What do I pass as baseURL?').stems.includes('url'));
});

it('reads which kind of literal a question names, past a modifier or a contraction', () => {
  assert.equal(analyseQuestion("What's the CLI command to ingest a folder?").literal, 'command');
  assert.equal(analyseQuestion('Which environment variable sets the master key?').literal, 'variable');
  assert.equal(analyseQuestion('Which header names the end user?').literal, 'header');
  assert.equal(analyseQuestion('Which setting changes the port?').literal, 'code');
});
