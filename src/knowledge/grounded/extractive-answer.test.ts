import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  abstentionText,
  answerFromPassages,
  type GroundedAnswer,
  type Passage,
} from './extractive-answer.js';

const passages: Passage[] = [
  {
    id: 'budgets#0',
    title: 'Budgets',
    text: 'Budgets cap what a key may spend. A budget reserves the estimated cost before a call and settles the exact cost after it. When the limit would be passed, the request is refused with status 429.',
  },
  {
    id: 'history#0',
    text: 'The gateway was first released in 2024. The gateway was written by Ada Lovelace and Charles Babbage at the Analytical Engine Company. It serves 12 providers.',
  },
];

function assertCitationsExact(answer: GroundedAnswer, given: readonly Passage[]): void {
  assert.ok(answer.citations.length > 0);
  for (const citation of answer.citations) {
    const passage = given.find((candidate) => candidate.id === citation.chunkId);
    assert.ok(passage, `cites a passage it was given: ${citation.chunkId}`);
    assert.equal(passage.text.slice(citation.start, citation.end), citation.text);
    assert.ok(answer.answer.includes(`[${citation.index}]`));
  }
}

test('a when-question is answered with the date, cited at its exact span', () => {
  const answer = answerFromPassages('When was the gateway first released?', passages, { form: 'span' });
  assert.equal(answer.abstained, false);
  assert.equal(answer.answer, '2024 [1]');
  const start = passages[1]?.text.indexOf('2024') ?? -1;
  assert.deepEqual(answer.citations[0], {
    index: 1,
    chunkId: 'history#0',
    start,
    end: start + 4,
    text: '2024',
  });
  assertCitationsExact(answer, passages);
});

test('how-many and who questions narrow to a number and a name', () => {
  const count = answerFromPassages('How many providers does the gateway serve?', passages, { form: 'span' });
  assert.equal(count.answer, '12 [1]');
  assertCitationsExact(count, passages);
  const who = answerFromPassages('By whom was the gateway written?', passages, { form: 'span' });
  assert.match(who.answer, /^Ada Lovelace/);
  assertCitationsExact(who, passages);
});

test('a how-question is answered with the supporting sentence', () => {
  const answer = answerFromPassages('How does a budget settle the cost of a call?', passages);
  assert.equal(answer.abstained, false);
  assert.match(
    answer.answer,
    /^A budget reserves the estimated cost before a call and settles the exact cost after it\. \[1\]/,
  );
  assert.equal(answer.citations[0]?.chunkId, 'budgets#0');
  assertCitationsExact(answer, passages);
});

test('it abstains when the passages do not cover the question', () => {
  const answer = answerFromPassages('What is the boiling point of liquid nitrogen in kelvin?', passages);
  assert.equal(answer.abstained, true);
  assert.equal(answer.answer, abstentionText);
  assert.deepEqual(answer.citations, []);
  assert.ok(answer.support < 0.5);
  assert.equal(answerFromPassages('When was it released?', []).abstained, true);
});

test('the threshold decides: the same answer abstains at a higher one', () => {
  const question = 'Which company did Ada Lovelace found in Paris?';
  const open = answerFromPassages(question, passages, { threshold: 0 });
  assert.equal(open.abstained, false);
  const strict = answerFromPassages(question, passages, { threshold: open.support + 0.01 });
  assert.equal(strict.abstained, true);
  assert.equal(strict.support, open.support);
});

test('an answer found in several passages cites each of them', () => {
  const facts: Passage[] = [
    { id: 'f1', text: 'Google pays Apple billions to remain the default search engine on Safari.' },
    { id: 'f2', text: 'Publishers say Google harms their revenue through anticompetitive search practices.' },
  ];
  const answer = answerFromPassages(
    'Which company pays to be the default search engine and is accused of anticompetitive practices by publishers?',
    facts,
    { form: 'span' },
  );
  assert.match(answer.answer, /^Google \[1\]\[2\]$/);
  assert.deepEqual(answer.citations.map((citation) => citation.chunkId).sort(), ['f1', 'f2']);
  assertCitationsExact(answer, facts);
});
