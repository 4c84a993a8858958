import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerFromPassages, type Passage } from './extractive-answer.js';

// A product's FAQ in miniature, beside a guide that shares some of its words.
const faq: Passage[] = [
  {
    id: 'faq#0',
    title: 'Frequently asked questions',
    headings: ['Frequently asked questions', 'How do I make Acme reachable from other machines?'],
    text: '### How do I make Acme reachable from other machines?\n\nStart it with `--host 0.0.0.0`, so that it listens on every network interface.',
  },
  {
    id: 'faq#1',
    title: 'Frequently asked questions',
    headings: ['Frequently asked questions', 'How do I check on an upload?'],
    text: '### How do I check on an upload?\n\nAn upload answers 202 with an id; `GET /uploads/{id}` reports how many files are done.',
  },
  {
    id: 'guide#0',
    title: 'Operating',
    headings: ['Operating', 'Health'],
    text: '## Health\n\nTo check that Acme is healthy, call `GET /healthz`: it answers while the process is up.',
  },
  {
    id: 'guide#1',
    title: 'Operating',
    headings: ['Operating', 'Machines'],
    text: '## Machines\n\nAcme runs on machines with two cores or more.',
  },
];

test("an answer under a question heading reads the question's words as its own", () => {
  const answer = answerFromPassages('How do I make Acme reachable from other machines?', faq);
  assert.equal(answer.abstained, false);
  // The answer stands on its own: the heading is not quoted before it.
  assert.match(answer.answer, /^Start it with `--host 0\.0\.0\.0`/);
});

test('the answer to the same question asked in other words outranks an instruction sharing a verb', () => {
  const answer = answerFromPassages("How can I check on an upload that's still being processed?", faq);
  assert.match(answer.answer, /`GET \/uploads\/\{id\}`/);
});

test('a question heading says nothing for a question it does not ask', () => {
  const answer = answerFromPassages('How do I bake bread?', faq);
  assert.equal(answer.abstained, true);
});

test('"What does X do?" is answered by the sentence whose subject is X', () => {
  const roles: Passage[] = [
    {
      id: 'access#0',
      title: 'Access',
      headings: ['Access', 'Roles'],
      text: '## Roles\n\nFive roles exist, and a viewer is one of them.\n\n- `viewer` reads everything and changes nothing.',
    },
  ];
  const answer = answerFromPassages('What can a viewer do?', roles);
  assert.match(answer.answer, /^`viewer` reads everything/);
});
