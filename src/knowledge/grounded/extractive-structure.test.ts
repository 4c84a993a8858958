import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerFromPassages, type GroundedAnswer, type Passage } from './extractive-answer.js';

// A small Markdown knowledge base: a code sample that happens to hold the question's words, the prose
// that answers it, and a config example.
const kb: Passage[] = [
  {
    id: 'guide#4',
    headings: ['Guide', 'Search'],
    text: [
      '## Search',
      '',
      'The index answers queries over every chunk.',
      '',
      '```ts',
      "const hits = await index.search('how do quotas work', { topK: 5 });",
      '```',
    ].join('\n'),
  },
  {
    id: 'guide#2',
    headings: ['Guide', 'What is here'],
    text: [
      '- **Rate limits** per key or globally, in requests per minute.',
      '- **Quotas** per key, team or user; daily or monthly; hard (refused with 429) or soft (served',
      '  and alerted). The expected cost is reserved before each call and settled to the real cost after',
      '  it, so parallel calls cannot overshoot. Quotas are set in the config file or the admin API.',
      '- **Response cache** (`cache.enabled: true`): a repeated request is answered from memory without',
      '  calling the provider. A hit costs nothing.',
    ].join('\n'),
  },
  {
    id: 'guide#7',
    headings: ['Guide', 'Routing'],
    text: [
      '## Routing',
      '',
      'Routes name virtual models that a client may request.',
      '',
      '```yaml',
      'routes:',
      '  auto: # a fallback chain',
      '    fallback: [openai/gpt-4o-mini, groq/llama-3.1-8b-instant]',
      '```',
    ].join('\n'),
  },
];

function assertCitationsExact(answer: GroundedAnswer): void {
  assert.equal(answer.abstained, false);
  assert.ok(answer.citations.length > 0);
  for (const citation of answer.citations) {
    const passage = kb.find((candidate) => candidate.id === citation.chunkId);
    assert.equal(passage?.text.slice(citation.start, citation.end), citation.text);
    assert.ok(answer.answer.includes(`[${citation.index}]`));
  }
}

test('prose answers, not a code sample that holds the question words', () => {
  const answer = answerFromPassages('How do quotas work?', kb);
  assertCitationsExact(answer);
  assert.equal(answer.citations[0]?.chunkId, 'guide#2');
  assert.doesNotMatch(answer.answer, /index\.search|```/);
  assert.match(answer.answer, /^\*\*Quotas\*\* per key, team or user; .* reserved before each call/);
});

test('a description question is answered with whole adjacent sentences of the block about it', () => {
  const answer = answerFromPassages('What does the response cache do?', kb);
  assertCitationsExact(answer);
  assert.equal(
    answer.answer,
    '**Response cache** (`cache.enabled: true`): a repeated request is answered from memory without calling the provider. A hit costs nothing. [1]',
  );
  assert.equal(answer.citations.length, 1);
  // The block's own subject named by a which-question: its account, not a narrowed phrase.
  const which = answerFromPassages('Which quotas are supported?', kb);
  assertCitationsExact(which);
  assert.match(which.answer, /^\*\*Quotas\*\* per key, team or user;.*\. \[1\]$/);
});

test('a question about a section subject is answered from where the section opens, under its heading', () => {
  const sections: Passage[] = [
    {
      id: 'guide#9',
      headings: ['Guide'],
      text: '## Sandbox\n\nIt runs untrusted tools in a separate process with no network.\n\nSandbox limits are set per key in the config file.',
    },
    ...kb,
  ];
  const answer = answerFromPassages('What is the sandbox?', sections);
  // "It" needs its referent: the heading the sentence opens, which the citation covers too.
  assert.equal(answer.answer, 'Sandbox: It runs untrusted tools in a separate process with no network. [1]');
  assert.deepEqual(
    answer.citations.map((citation) => [citation.chunkId, citation.text]),
    [['guide#9', '## Sandbox\n\nIt runs untrusted tools in a separate process with no network.']],
  );
});

test('a configuration question may be answered with a whole code block', () => {
  const answer = answerFromPassages('How do I configure a fallback route?', kb);
  assertCitationsExact(answer);
  assert.equal(answer.citations[0]?.chunkId, 'guide#7');
  assert.match(
    answer.citations[0]?.text ?? '',
    /^```yaml\nroutes:\n {2}auto: # a fallback chain\n[\s\S]*```$/,
  );
  assert.ok(answer.answer.startsWith(answer.citations[0]?.text ?? '-'));
  // Without a word asking for configuration or code, code is never quoted.
  const plain = answerFromPassages('Why is there a fallback chain for auto?', kb);
  assert.doesNotMatch(plain.answer, /```|fallback: \[/);
});

test('a number question is answered with the sentence that carries the number, or the span when asked', () => {
  const limits = [{ id: 'x', text: '## Limits\n\nA key may send at most 600 requests per minute.' }];
  const question = 'How many requests per minute may a key send at most?';
  assert.equal(
    answerFromPassages(question, limits).answer,
    'A key may send at most 600 requests per minute. [1]',
  );
  assert.equal(answerFromPassages(question, limits, { form: 'span' }).answer, '600 [1]');
});

test('unsupported questions still abstain', () => {
  const none = answerFromPassages('Who designed the quota dashboard colours?', kb);
  assert.equal(none.abstained, true);
  assert.deepEqual(none.citations, []);
});
