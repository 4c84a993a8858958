import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { KnowledgeCitation } from '../knowledge/citations.js';
import { ingestProjectDocs, packageRoot } from '../knowledge/project-docs.js';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

type WithCitations = { citations?: KnowledgeCitation[] };

const root = packageRoot();
const documentText = (id: string) => readFileSync(join(root, id), 'utf8');

function assertVerbatim(citation: KnowledgeCitation | undefined) {
  assert.ok(citation, 'a citation');
  assert.equal(
    documentText(citation.document_id).slice(citation.document_start, citation.document_end),
    citation.text,
  );
}

describe('local/extractive answers about Strata from its own docs, through the chat API', () => {
  let gateway: TestGateway;
  let client: OpenAI;
  before(async () => {
    gateway = await startGateway({});
    const ingested = await ingestProjectDocs(gateway.stack.knowledge, 'docs', root);
    assert.equal(ingested.failed, 0);
    assert.ok(ingested.created >= 1);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
  });

  it('answers "How do budgets work?" with a citation into the README', async () => {
    const completion = await client.chat.completions.create({
      model: 'local/extractive',
      messages: [{ role: 'user', content: 'How do budgets work?' }],
    });
    const content = completion.choices[0]?.message.content ?? '';
    assert.match(content, /[Bb]udget/);
    assert.match(content, /\[1\]/);
    const citations = (completion as WithCitations).citations ?? [];
    assert.ok(citations.length >= 1);
    assert.equal(citations[0]?.index, 1);
    assertVerbatim(citations[0]);
  });

  it('serves the same model as `default` when no provider is configured, and re-ingesting changes nothing', async () => {
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'How do budgets work?' }],
    });
    assert.ok(((completion as WithCitations).citations ?? []).length >= 1);
    const again = await ingestProjectDocs(gateway.stack.knowledge, 'docs', root);
    assert.deepEqual([again.created, again.updated, again.deleted], [0, 0, 0]);
  });

  it('streams the answer and sends the citations on the final chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'local/extractive',
      messages: [{ role: 'user', content: 'How do budgets work?' }],
      stream: true,
    });
    let text = '';
    let citations: KnowledgeCitation[] | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) citations = (chunk as WithCitations).citations;
    }
    assert.match(text, /\[1\]/);
    assertVerbatim(citations?.[0]);
  });

  async function answerDoor(question: string) {
    const response = await fetch(`${gateway.url}/v1/knowledge/docs/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    return ((await response.json()) as { answer: string }).answer;
  }

  it('gives one question one answer, through chat or through /v1/knowledge/docs/answer', async () => {
    for (const question of ['What is Strata?', 'How do I set a budget?', 'What is a learned router?']) {
      const completion = await client.chat.completions.create({
        model: 'local/extractive',
        messages: [{ role: 'user', content: question }],
      });
      assert.equal(completion.choices[0]?.message.content, await answerDoor(question), question);
    }
  });

  it('welcomes a greeting with what it can answer', async () => {
    const completion = await client.chat.completions.create({
      model: 'local/extractive',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    const content = completion.choices[0]?.message.content ?? '';
    assert.match(content, /^Hello/);
    assert.match(content, /budget/);
    assert.equal(await answerDoor('hello'), content);
  });

  it('answers on /v1/knowledge/docs/answer, and abstains on what the docs do not say', async () => {
    const response = await fetch(`${gateway.url}/v1/knowledge/docs/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How do budgets work?' }),
    });
    const body = (await response.json()) as {
      answer: string;
      abstained: boolean;
      citations: KnowledgeCitation[];
    };
    assert.equal(response.status, 200);
    assert.equal(body.abstained, false);
    assertVerbatim(body.citations[0]);
    const unrelated = await fetch(`${gateway.url}/v1/knowledge/docs/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Who won the 1998 football world cup final in Paris?' }),
    });
    const abstention = (await unrelated.json()) as { abstained: boolean; citations: unknown[] };
    assert.deepEqual([abstention.abstained, abstention.citations], [true, []]);
  });
});

describe('knowledge on chat completions for an upstream model', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      const body = JSON.parse(recorded.body) as { stream?: boolean };
      response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
      response.end(readFixture(body.stream ? 'openai/stream-content.sse' : 'openai/chat-completion.json'));
    });
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
    });
    await gateway.stack.knowledge.createBase({ name: 'handbook' });
    await gateway.stack.knowledge.upsertDocument('handbook', {
      id: 'refunds.md',
      text: '# Refunds\n\nRefunds are paid within 14 days of a return.',
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function chat(body: Record<string, unknown>, key = gateway.masterKey) {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  it('injects the retrieved chunks as marked sources and returns them as citations', async () => {
    const result = await chat({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'How fast are refunds paid?' },
      ],
      knowledge: { kb: 'handbook', top_k: 3 },
    });
    assert.equal(result.status, 200);
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}') as {
      messages: Array<{ role: string; content: string }>;
      knowledge?: unknown;
    };
    assert.equal(sent.knowledge, undefined, 'the knowledge field is not sent upstream');
    assert.deepEqual(
      sent.messages.map((message) => message.role),
      ['system', 'system', 'user'],
    );
    assert.match(
      sent.messages[1]?.content ?? '',
      /\[1\] refunds\.md › Refunds\n# Refunds\n\nRefunds are paid within 14 days/,
    );
    const citations = (JSON.parse(result.text) as WithCitations).citations ?? [];
    assert.deepEqual(
      citations.map((citation) => [
        citation.index,
        citation.chunk_id,
        citation.document_start,
        citation.document_end,
      ]),
      [[1, 'refunds.md#0', 0, 55]],
    );

    const streamed = await chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'How fast are refunds paid?' }],
      knowledge: { kb: 'handbook' },
      stream: true,
    });
    const events = streamed.text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map(
        (event) =>
          JSON.parse(event.slice(6)) as WithCitations & { choices: Array<{ finish_reason: string | null }> },
      );
    const final = events.find((event) => event.choices[0]?.finish_reason);
    assert.equal(final?.citations?.[0]?.chunk_id, 'refunds.md#0');
    assert.equal(events[0]?.citations, undefined);
  });

  it('refuses a bad knowledge field, an unknown base and a key without the scope', async () => {
    const bad = await chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      knowledge: { top_k: 2 },
    });
    assert.equal(bad.status, 400);
    assert.equal((JSON.parse(bad.text) as { error: { param: string } }).error.param, 'knowledge.kb');
    const unknown = await chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      knowledge: { kb: 'nope' },
    });
    assert.equal(unknown.status, 404);
    const created = await gateway.stack.keys.create({ name: 'no-scope' });
    const denied = await chat(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], knowledge: { kb: 'handbook' } },
      created.key,
    );
    assert.equal(denied.status, 403);
  });
});
