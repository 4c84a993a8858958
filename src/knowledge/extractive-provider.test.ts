import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatChunk, ChatRequest } from '../core/types.js';
import { createCatalog } from '../models/catalog/catalog.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import {
  createExtractiveProvider,
  extractiveCatalogOverride,
  extractivePool,
  type WireCitation,
} from './extractive-provider.js';
import type { Passage } from './grounded/extractive-answer.js';

const docs: Passage[] = [
  {
    id: 'readme#3',
    title: 'Budgets',
    text: 'Budgets cap spend per key, user, model and gateway. A budget reserves the estimated cost before a call and settles the exact cost after it.',
  },
  { id: 'readme#7', text: 'The gateway listens on port 4100 by default.' },
];

function request(question: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'extractive', messages: [{ role: 'user', content: question }], ...extra };
}

function assertCitationsValid(
  citations: readonly WireCitation[],
  content: string,
  passages: readonly Passage[],
): void {
  assert.ok(citations.length > 0);
  for (const citation of citations) {
    const passage = passages.find((candidate) => candidate.id === citation.chunk_id);
    assert.equal(passage?.text.slice(citation.start, citation.end), citation.text);
    assert.ok(content.includes(`[${citation.index}]`));
  }
}

test('chat answers from retrieved passages with valid citations, estimated usage and a $0 price', async () => {
  const asked: Array<[string, number]> = [];
  const provider = createExtractiveProvider({
    retrieve: async (query, topK) => {
      asked.push([query, topK]);
      return docs;
    },
    now: () => 1_700_000_000_000,
  });
  assert.equal(provider.id, 'local');
  assert.equal(provider.kind, 'local');
  const response = await provider.chat(request('What port does the gateway listen on by default?'));
  assert.deepEqual(asked, [['What port does the gateway listen on by default?', extractivePool(5)]]);
  assert.ok(extractivePool(5) >= 300, 'reads a deep pool: a question of common words ranks its answer low');
  const content = response.choices[0]?.message.content;
  assert.equal(content, 'The gateway listens on port 4100 by default. [1]');
  assert.equal(response.object, 'chat.completion');
  assert.equal(response.created, 1_700_000_000);
  assert.equal(response.choices[0]?.finish_reason, 'stop');
  const citations = response.citations as WireCitation[];
  assert.deepEqual(citations[0], {
    index: 1,
    chunk_id: 'readme#7',
    start: 0,
    end: 44,
    text: 'The gateway listens on port 4100 by default.',
  });
  assertCitationsValid(citations, String(content), docs);
  assert.ok((response.usage?.prompt_tokens ?? 0) > 0);
  assert.equal(
    response.usage?.total_tokens,
    (response.usage?.prompt_tokens ?? 0) + (response.usage?.completion_tokens ?? 0),
  );
  assert.equal((response.usage as { estimated?: boolean } | undefined)?.estimated, true);
  assert.deepEqual(response.strata_grounding, { abstained: false, support: 1 });
  const entry = createCatalog([extractiveCatalogOverride]).find(provider.kind, 'extractive');
  assert.ok(entry && response.usage);
  assert.equal(costOf(normaliseUsage(response.usage), entry.price).usd, 0);
});

test('passages sent with the request are used instead of the retriever', async () => {
  const provider = createExtractiveProvider();
  const response = await provider.chat(
    request('How does a budget settle the cost of a call?', {
      passages: docs.map(({ id, text }) => ({ id, text })),
    }),
  );
  const content = String(response.choices[0]?.message.content);
  assert.match(
    content,
    /^A budget reserves the estimated cost before a call and settles the exact cost after it\. \[1\]/,
  );
  assertCitationsValid(response.citations as WireCitation[], content, docs);
});

test('stream sends the same answer in several chunks, citations on the finish and usage chunks', async () => {
  const provider = createExtractiveProvider({ retrieve: async () => docs });
  const question = request('How does a budget settle the cost of a call?');
  const whole = await provider.chat(question);
  const chunks: ChatChunk[] = [];
  for await (const chunk of await provider.stream(question)) chunks.push(chunk);
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  assert.equal(text, whole.choices[0]?.message.content);
  assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
  assert.ok(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length >= 3, 'several content chunks');
  const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason === 'stop');
  assert.deepEqual(finish?.citations, whole.citations);
  const last = chunks.at(-1);
  assert.deepEqual(last?.choices, []);
  assert.deepEqual(last?.usage, whole.usage);
  assert.deepEqual(last?.citations, whole.citations);
});

test('it abstains without citations when nothing supports an answer', async () => {
  const provider = createExtractiveProvider({ retrieve: async () => docs });
  const response = await provider.chat(request('Who painted the Mona Lisa in Florence?'));
  assert.equal(response.choices[0]?.message.content, 'Insufficient information.');
  assert.deepEqual(response.citations, []);
  assert.equal((response.strata_grounding as { abstained: boolean }).abstained, true);
});

test('a request without passages or retriever, or without a question, is a clear 400', async () => {
  const provider = createExtractiveProvider();
  await assert.rejects(provider.chat(request('Anything?')), (error: unknown) => {
    assert.ok(error instanceof StrataError);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.param, 'passages');
    return true;
  });
  await assert.rejects(
    provider.stream({ model: 'extractive', messages: [{ role: 'system', content: 'hi' }] }),
    {
      code: 'invalid_request',
    },
  );
  await assert.rejects(provider.chat(request('Why?', { passages: [{ id: 'x' }] })), {
    param: 'passages[0].text',
  });
  await assert.rejects(provider.embed({ model: 'extractive', input: 'x' }), {
    code: 'unsupported_parameter',
  });
});
