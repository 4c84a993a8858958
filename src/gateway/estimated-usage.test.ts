import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import type { RequestLogRow } from '../store/request-log.js';
import { encodingCounter } from '../tokens/tokenizers/encodings.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** An OpenAI chunk carrying one piece of text. */
function chunk(content: string): string {
  const body = {
    id: 'chatcmpl-cut',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const pieces = ['The quick brown fox', ' jumps over', ' the lazy dog.'];

describe('streams that report no usage are counted, flagged estimated, and priced', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of pieces) response.write(chunk(piece));
      // `/hang` keeps the stream open, as a model still generating; the other path ends it without
      // the usage chunk Strata asked for, as some OpenAI-compatible servers do.
      if (recorded.path.startsWith('/hang')) return;
      response.end('data: [DONE]\n\n');
    });
    gateway = await startGateway({
      providers: {
        openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
        hang: { kind: 'openai', base_url: `${upstream.url}/hang/v1`, api_key: 'sk-upstream' },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function logRow(requestId: string): Promise<RequestLogRow> {
    for (let tries = 0; tries < 100; tries++) {
      await gateway.stack.flush();
      const row = await gateway.stack.requestLog.get(requestId);
      if (row) return row;
      await sleep(20);
    }
    assert.fail(`no log row for ${requestId}`);
  }

  const messages = [{ role: 'user' as const, content: 'Say the pangram.' }];
  // gpt-4o-mini counts with o200k: three framing tokens per message and three priming the reply.
  const promptTokens =
    3 + encodingCounter('o200k_base')('user') + encodingCounter('o200k_base')('Say the pangram.') + 3;

  test('a stream that ends without usage is counted from what it carried', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages, stream: true })
      .withResponse();
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    assert.equal(text, pieces.join(''));
    const row = await logRow(response.headers.get('x-request-id') ?? '');
    assert.equal(row.status, 200);
    assert.equal(row.usageEstimated, true);
    assert.equal(row.inputTokens, promptTokens);
    assert.equal(row.outputTokens, encodingCounter('o200k_base')(pieces.join('')));
    assert.ok((row.costUsd ?? 0) > 0, 'tokens were used, so the call is not free');
  });

  test('a stream the client abandons mid-way is logged 499, estimated and priced', async () => {
    const controller = new AbortController();
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'hang/gpt-4o-mini', messages, stream: true }, { signal: controller.signal })
      .withResponse();
    let seen = '';
    try {
      for await (const part of stream) {
        seen += part.choices[0]?.delta.content ?? '';
        if (seen === pieces.join('')) controller.abort();
      }
    } catch {
      // The abort ends the iteration.
    }
    const row = await logRow(response.headers.get('x-request-id') ?? '');
    assert.equal(row.status, 499);
    assert.equal(row.usageEstimated, true);
    assert.equal(row.inputTokens, promptTokens);
    assert.equal(row.outputTokens, encodingCounter('o200k_base')(pieces.join('')));
    assert.ok((row.costUsd ?? 0) > 0);
    const [attempt] = await gateway.stack.ledger.rowsOf(row.requestId);
    assert.equal(attempt?.usageEstimated, true);
    assert.equal(attempt?.costUsd, row.costUsd);
  });
});
