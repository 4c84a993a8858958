import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { readFixture } from '../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

describe('the ledger through the gateway, and /admin/v1/spend', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      const body = JSON.parse(recorded.body) as { stream?: boolean; model?: string };
      if (body.model === 'broken' || recorded.body.includes('please fail')) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'upstream down', type: 'server_error' } }));
        return;
      }
      response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
      response.end(readFixture(body.stream ? 'openai/stream-content.sse' : 'openai/chat-completion.json'));
    });
    gateway = await startGateway({
      providers: {
        openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' },
        local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'hi' }];

  async function spend(query: string) {
    const response = await fetch(`${gateway.url}/admin/v1/spend?${query}`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('every call that reached a provider lands in the ledger, priced, and spend groups it', async () => {
    const { response } = await client.chat.completions
      .create({
        model: 'openai/gpt-4o-mini',
        messages,
        user: 'alice',
        metadata: { tags: 'beta, eu', feature: 'summaries', team: 'search' },
      })
      .withResponse();
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages,
      stream: true,
    });
    for await (const _chunk of stream);
    await client.chat.completions.create({ model: 'local/my-finetune', messages });
    await assert.rejects(client.chat.completions.create({ model: 'local/broken', messages }));
    // The stream's row is written when its summary settles, just after the client saw the last chunk.
    for (let tries = 0; tries < 50; tries++) {
      await gateway.stack.flush();
      const rows = (await spend('group_by=model')).body.data as Array<{ requests: number }>;
      if (rows.reduce((sum, group) => sum + group.requests, 0) === 4) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const requestId = response.headers.get('x-request-id') ?? '';
    const [row] = await gateway.stack.ledger.rowsOf(requestId);
    assert.equal(row?.costUsd, Number(response.headers.get('x-strata-cost-usd')));
    assert.deepEqual(
      [row?.user, row?.tags, row?.feature, row?.team],
      ['alice', ['beta', 'eu'], 'summaries', 'search'],
    );
    assert.deepEqual(
      [row?.attempt, row?.purpose, row?.model, row?.status],
      [1, 'primary', 'gpt-4o-mini', 200],
    );

    const byModel = await spend('group_by=model&from=2000-01-01');
    assert.equal(byModel.status, 200);
    assert.equal(byModel.body.object, 'list');
    assert.equal(byModel.body.group_by, 'model');
    const data = byModel.body.data as Array<{
      group: string;
      requests: number;
      cost_usd: number;
      unpriced_requests: number;
    }>;
    const groups = Object.fromEntries(data.map((group) => [group.group, group]));
    assert.equal(groups['gpt-4o-mini']?.requests, 2);
    assert.ok((groups['gpt-4o-mini']?.cost_usd ?? 0) > (row?.costUsd ?? 0), 'the stream is priced too');
    assert.equal(groups['my-finetune']?.unpriced_requests, 1, 'an unknown price is unpriced, not $0');
    // Providers do not bill a request that failed before any usage: no tokens and, unpriced model, no cost.
    assert.deepEqual([groups.broken?.requests, groups.broken?.unpriced_requests], [1, 1]);

    const byTag = await spend('group_by=tag');
    assert.deepEqual((byTag.body.data as Array<{ group: string }>).map((group) => group.group).sort(), [
      'beta',
      'eu',
    ]);
  });

  test('a failed attempt of a priced model costs $0 with its error status and no tokens', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'please fail' }],
      }),
    });
    assert.ok(response.status >= 500);
    const [row] = await gateway.ledgerOf(response);
    assert.deepEqual(
      [row?.status, row?.costUsd, row?.inputTokens, row?.outputTokens, row?.priceVersion],
      [response.status, 0, 0, 0, gateway.stack.catalog.version],
    );
  });

  test('bad parameters are a 400 naming the parameter; the master key is required', async () => {
    const bad = await spend('group_by=planet');
    assert.equal(bad.status, 400);
    assert.equal((bad.body.error as { param: string }).param, 'group_by');
    const badDate = await spend('from=yesterday');
    assert.equal((badDate.body.error as { param: string }).param, 'from');
    const anonymous = await fetch(`${gateway.url}/admin/v1/spend`);
    assert.equal(anonymous.status, 401);
  });
});
