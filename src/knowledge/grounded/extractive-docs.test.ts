import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerFromPassages, type Passage } from './extractive-answer.js';

// A product's docs in miniature: every page is titled with the product's name, as a README's chunks are.
const docs: Passage[] = [
  {
    id: 'readme#0',
    title: 'Acme',
    headings: ['Acme'],
    text: 'No config file or database is needed to start: state lives in `./.acme/`.',
  },
  {
    id: 'readme#1',
    title: 'Acme',
    headings: ['Acme', 'Layout'],
    text: '## Layout\n\n(`acme` is `node dist/main.js` from a checkout.) Tests sit beside the code and drive real servers through the official `openai` SDK clients, fakes and recorded responses, on every run.',
  },
  {
    id: 'guide#0',
    title: 'Getting started',
    headings: ['Getting started'],
    text: '# Getting started\n\nAcme is a self-hosted gateway in front of any model provider.',
  },
  {
    id: 'guide#1',
    title: 'Getting started',
    headings: ['Getting started', 'Install and start'],
    text: '## Install and start\n\nAcme needs Node.js 20.\n\n`npm start` builds the code and runs `acme serve`.',
  },
  {
    id: 'guide#2',
    title: 'Getting started',
    headings: ['Getting started', 'First call'],
    text: '## First call\n\nAny OpenAI client works: point its base URL at `http://127.0.0.1:4100/v1` and use an Acme key.',
  },
  {
    id: 'bench#0',
    title: 'Acme QA bench',
    headings: ['Acme QA bench'],
    text: 'The bench once answered "What is Acme?" with a fragment.',
  },
  {
    id: 'api#3',
    title: 'HTTP API',
    headings: ['HTTP API', 'POST /v1/embeddings'],
    text: '### POST /v1/embeddings\n\n`{model, input}` → a list of embeddings, for providers that offer them.',
  },
  {
    id: 'ops#1',
    title: 'Operating',
    headings: ['Operating'],
    text: 'State lives in one store, shared by every replica of the gateway.',
  },
  {
    id: 'config#2',
    title: 'Configuration',
    headings: ['Configuration', 'Budgets'],
    text: '## Budgets\n\nTo set a budget, add it under `budgets:` in `acme.yaml`:\n\n```yaml\nbudgets:\n  - { scope: global, limit_usd: 100 }\n```',
  },
  {
    id: 'config#5',
    title: 'Configuration',
    headings: ['Configuration', 'Reference'],
    text: '| key | type | default | description |\n| --- | --- | --- | --- |\n| `server.port` | integer | `4100` | The port the gateway listens on. |\n| `logs.format` | one of `json`, `off` | `json` | One JSON line per request on stdout, or none. |',
  },
  {
    id: 'readme#7',
    title: 'Acme',
    headings: ['Acme', 'Answers'],
    text: '## Answers\n\nKnowledge bases hold documents cut into chunks. The answer route answers from a base with citations, or abstains when the base does not hold an answer.',
  },
];

test('"What is X?" over docs all titled X is answered by the sentence defining X, not one quoting the question', () => {
  const answer = answerFromPassages('What is Acme?', docs);
  assert.equal(answer.answer, 'Acme is a self-hosted gateway in front of any model provider. [1]');
});

test('the product’s name in a how-question is not its subject: the instruction answers', () => {
  const answer = answerFromPassages('How do I start Acme?', docs);
  assert.equal(answer.answer, '`npm start` builds the code and runs `acme serve`. [1]');
});

test('a short sentence about the question beats a long one holding its words in passing', () => {
  const answer = answerFromPassages('How do I call Acme with the OpenAI SDK?', docs);
  assert.match(answer.answer, /Any OpenAI client works: point its base URL/);
});

test('a sentence opening an endpoint’s section is quoted under that endpoint, which the citation covers', () => {
  const answer = answerFromPassages('How do I get embeddings?', docs);
  assert.equal(
    answer.answer,
    'POST /v1/embeddings: `{model, input}` → a list of embeddings, for providers that offer them. [1]',
  );
  const [citation] = answer.citations;
  assert.ok(citation?.text.startsWith('### POST /v1/embeddings\n\n`{model, input}`'));
});

test('a sentence that introduces a code example is quoted with it', () => {
  const answer = answerFromPassages('How do I set a budget?', docs);
  assert.match(
    answer.answer,
    /^To set a budget, add it under `budgets:` in `acme.yaml`:\n\n```yaml\nbudgets:\n/,
  );
  assert.ok(answer.citations[0]?.text.endsWith('```'));
});

test('a table row answers, read with its columns', () => {
  const answer = answerFromPassages('How do I turn off the JSON log lines?', docs);
  assert.equal(
    answer.answer,
    '`logs.format` — type: one of `json`, `off`; default: `json`; One JSON line per request on stdout, or none. [1]',
  );
  const row =
    '| `logs.format` | one of `json`, `off` | `json` | One JSON line per request on stdout, or none. |';
  assert.equal(answer.citations[0]?.text, row);
});

test('a where-question prefers the sentence holding a path; a negated question the negated sentence', () => {
  assert.match(answerFromPassages('Where does the state live?', docs).answer, /`\.\/\.acme\/`/);
  assert.match(
    answerFromPassages('What happens when the knowledge base holds no answer?', docs).answer,
    /abstains when the base does not hold an answer/,
  );
});

// Pages where a question's words also sit in sentences that do not answer it; a third are titled with
// the product's name, as a README's chunks are.
const gateway: Passage[] = [
  {
    id: 'readme#1',
    title: 'Acme',
    headings: ['Acme'],
    text: 'Tests that exercise PostgreSQL expect it on port 5432; the CI script starts it when it is installed but stopped.',
  },
  {
    id: 'guide#1',
    title: 'Getting started',
    headings: ['Getting started', 'Install and start'],
    text: '## Install and start\n\nAcme needs Node.js 20 or newer. From a checkout:\n\n```sh\nnpm install\nnpm start\n```',
  },
  {
    id: 'guide#2',
    title: 'Getting started',
    headings: ['Getting started', 'The master key'],
    text: '## The master key\n\nEvery request sends a key as a bearer token. `acme serve --no-auth` serves without keys, for local development only.',
  },
  {
    id: 'readme#0',
    title: 'Acme',
    headings: ['Acme'],
    text: 'Every call goes through one pipeline that authenticates it, applies rate limits and budgets, and routes it.',
  },
  {
    id: 'gateway#3',
    title: 'Gateway',
    headings: ['Gateway', 'Responses and errors'],
    text: '## Responses and errors\n\nEvery response carries `x-request-id`. Every error has one shape, OpenAI\'s: `{"error": {"message", "type", "param", "code"}}`, with the right status.',
  },
  {
    id: 'gateway#4',
    title: 'Gateway',
    headings: ['Gateway', 'Model names'],
    text: '## Model names\n\nAn unknown model is a 404. `GET /v1/models` and `acme models` list the configured models and aliases.',
  },
  {
    id: 'readme#9',
    title: 'Acme',
    headings: ['Acme', 'Performance'],
    text: '## Performance\n\n`acme serve --workers N` (default: the available cores) runs N worker processes behind one port.',
  },
  {
    id: 'readme#12',
    title: 'Acme',
    headings: ['Acme', 'The built-in model'],
    text: '## The built-in model\n\nThe built-in model is always available at $0, in process.',
  },
  {
    id: 'bench#4',
    title: 'Gateway bench',
    headings: ['Gateway bench', 'Running'],
    text: '## Running\n\n`acme bench gateway` runs the race, each flag at its default.',
  },
];

test('a how-question whose verb heads a section is answered there, not by the verb in passing', () => {
  const answer = answerFromPassages('How do I install Acme?', gateway);
  assert.match(
    answer.answer,
    /^Install and start: Acme needs Node\.js 20 or newer\. From a checkout:\n\n```sh\nnpm install/,
  );
});

test('docs words match their short forms: "authentication" finds `--no-auth`', () => {
  const answer = answerFromPassages('How do I run without authentication?', gateway);
  assert.match(answer.answer, /--no-auth` serves without keys/);
});

test('"What does X look like?" asks for its shape', () => {
  const answer = answerFromPassages('What does an error response look like?', gateway);
  assert.equal(answer.abstained, false);
  assert.match(answer.answer, /Every error has one shape/);
});

test('a frame word ("available") weighs little: the sentence about the models answers', () => {
  const answer = answerFromPassages('How do I list the available models?', gateway);
  assert.match(answer.answer, /`GET \/v1\/models` and `acme models` list the configured models/);
});
