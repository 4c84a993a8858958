import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { tokenizerFor } from '../tokens/tokenizers/tokenizer-for.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** What the upstream bills for every answer, whatever max_tokens asked for. */
const billed = { prompt_tokens: 8, completion_tokens: 400, total_tokens: 408 };
const words = Array.from({ length: 400 }, (_, index) => `word${index % 10} `);

/** An upstream that ignores max_tokens: it always answers with 400 tokens of text. */
function startRunawayUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { stream?: boolean };
    const base = { id: 'chatcmpl-runaway', created: 1_760_000_000, model: 'gpt-4o-mini' };
    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [
            { index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' },
          ],
          usage: billed,
        }),
      );
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const event = (chunk: unknown) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...(chunk as object) })}\n\n`;
    const parts = words.map((word) =>
      event({ choices: [{ index: 0, delta: { content: word }, finish_reason: null }] }),
    );
    parts.push(event({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    parts.push(event({ choices: [], usage: billed }));
    response.end(`${parts.join('')}data: [DONE]\n\n`);
  });
}

const tokenizer = tokenizerFor('openai', 'gpt-4o-mini');

describe('a provider that ignores max_tokens', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startRunawayUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [testPrice] },
      knowledge: { ingest_project_docs: false },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const ask = (body: Record<string, unknown>) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        ...body,
      }),
    });

  test('a JSON answer is cut at max_tokens and marked length, and priced as billed', async () => {
    const response = await ask({ max_tokens: 10 });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
      usage: typeof billed;
    };
    const [choice] = body.choices;
    assert.equal(choice?.finish_reason, 'length');
    const tokens = tokenizer.count(choice?.message.content ?? '');
    assert.ok(tokens <= 10 && tokens >= 9, `relayed ${tokens} tokens`);
    assert.ok(words.join('').startsWith(choice?.message.content ?? 'x'));
    assert.deepEqual(body.usage, billed);
    // 8 input tokens at $1/M and 400 output tokens at $2/M: what the provider charged.
    assert.equal(response.headers.get('x-strata-cost-usd'), '0.000808');
    const [row] = await gateway.ledgerOf(response);
    assert.equal(row?.outputTokens, 400);
  });

  test('a stream stops relaying text at max_completion_tokens and ends with length and the billed usage', async () => {
    const response = await ask({
      max_completion_tokens: 12,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(response.status, 200);
    const events = (await response.text())
      .split('\n\n')
      .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
      .map(
        (event) =>
          JSON.parse(event.slice(6)) as {
            choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
            usage?: typeof billed;
          },
      );
    const text = events
      .flatMap((event) => event.choices.map((choice) => choice.delta.content ?? ''))
      .join('');
    // Deltas are counted one by one, which counts a little high at their seams: never past the cap.
    const tokens = tokenizer.count(text);
    assert.ok(tokens <= 12 && tokens >= 6, `relayed ${tokens} tokens`);
    const finishes = events.flatMap((event) => event.choices.flatMap((choice) => choice.finish_reason ?? []));
    assert.deepEqual(finishes, ['length']);
    assert.deepEqual(events.at(-1)?.usage, billed);
    let rows = await gateway.ledgerOf(response);
    for (let tries = 0; rows.length === 0 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await gateway.ledgerOf(response);
    }
    assert.equal(rows[0]?.outputTokens, 400);
  });

  test('an answer within max_tokens is relayed unchanged', async () => {
    const response = await ask({ max_tokens: 1000 });
    const body = (await response.json()) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
    };
    assert.equal(body.choices[0]?.finish_reason, 'stop');
    assert.equal(body.choices[0]?.message.content, words.join(''));
  });
});
