import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { sendSample } from './testing/route-samples.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

// biome-ignore lint/suspicious/noExplicitAny: admin responses are read field by field, each checked by an assert
type Body = Record<string, any>;

/** An upstream that answers every chat call with the number of messages it got and its temperature. */
function startUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { messages: unknown[]; temperature?: number; model: string };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-eval',
        object: 'chat.completion',
        created: 1_760_000_000,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `Bonjour Ada (${body.messages.length} messages)` },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 },
      }),
    );
  });
}

const teamKeys = {
  support: 'sk-strata-test-support-bot-0000000000',
  supportWidget: 'sk-strata-test-support-widget-000000',
  sales: 'sk-strata-test-sales-bot-000000000000',
};

describe('evaluation API: managed prompts on chat calls, scores and datasets from traffic', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${gateway.masterKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text.startsWith('{') ? JSON.parse(text) : text) as Body,
    };
  };

  before(async () => {
    upstream = await startUpstream();
    gateway = await startGateway({
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      observability: { capture_content: true },
      keys: [
        { name: 'support-bot', key: teamKeys.support, team: 'support' },
        { name: 'support-widget', key: teamKeys.supportWidget, team: 'support' },
        { name: 'sales-bot', key: teamKeys.sales, team: 'sales' },
      ],
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  test('a chat call names a prompt by label; its version is on the request log row and the trace', async () => {
    const first = await admin('POST', '/admin/v1/prompts', {
      name: 'greeter',
      messages: [
        { role: 'system', content: 'You greet people in {{language}}.' },
        { role: 'user', content: 'Say hello to {{name}}.' },
      ],
      settings: { temperature: 0.2 },
      labels: ['production'],
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.version, 1);
    const second = await admin('POST', '/admin/v1/prompts', {
      name: 'greeter',
      messages: [{ role: 'user', content: 'Greet {{name}} warmly in {{language}}.' }],
      labels: ['staging'],
      note: 'one message',
    });
    assert.equal(second.body.version, 2);

    const body = {
      model: 'fake/m',
      messages: [],
      prompt: { name: 'greeter', label: 'production', variables: { name: 'Ada', language: 'French' } },
    };
    const { data, response } = await client.chat.completions.create(body).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Bonjour Ada (2 messages)');
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(sent.messages, [
      { role: 'system', content: 'You greet people in French.' },
      { role: 'user', content: 'Say hello to Ada.' },
    ]);
    assert.equal(sent.temperature, 0.2);
    assert.equal(sent.prompt, undefined, 'the prompt reference is not sent upstream');

    const id = response.headers.get('x-request-id') ?? '';
    await gateway.stack.flush();
    const shown = await admin('GET', `/admin/v1/requests/${id}`);
    assert.equal(shown.body.prompt, 'greeter@1');
    const root = shown.body.spans[0] as { attributes: Record<string, unknown> };
    assert.equal(root.attributes['strata.prompt.name'], 'greeter');
    assert.equal(root.attributes['strata.prompt.version'], 1);
    const listed = await admin('GET', '/admin/v1/requests?limit=5');
    assert.equal(listed.body.data[0].prompt, 'greeter@1');

    const stagedBody = { ...body, prompt: { ...body.prompt, label: 'staging' }, temperature: 0.9 };
    const staged = await client.chat.completions.create(stagedBody).withResponse();
    const stagedSent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(stagedSent.messages, [{ role: 'user', content: 'Greet Ada warmly in French.' }]);
    assert.equal(stagedSent.temperature, 0.9);
    await gateway.stack.flush();
    const stagedRow = await gateway.stack.requestLog.get(staged.response.headers.get('x-request-id') ?? '');
    assert.equal(stagedRow?.prompt, 'greeter@2');

    const missingVariable = { ...body, prompt: { name: 'greeter', version: 2, variables: { name: 'Ada' } } };
    await assert.rejects(
      client.chat.completions.create(missingVariable),
      (error) =>
        error instanceof OpenAI.BadRequestError && /needs the variable\(s\) language/.test(error.message),
    );
    const unknown = { ...body, prompt: { name: 'nobody' } };
    await assert.rejects(
      client.chat.completions.create(unknown),
      (error) => error instanceof OpenAI.NotFoundError,
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'fake/m', messages: [] }),
      (error) => error instanceof OpenAI.BadRequestError && error.param === 'messages',
    );

    const diff = await admin('GET', '/admin/v1/prompts/greeter/diff?from=1&to=2');
    assert.deepEqual(
      diff.body.lines
        .filter((line: { op: string }) => line.op !== ' ')
        .map((line: { op: string; text: string }) => `${line.op}${line.text}`),
      [
        '-system: You greet people in {{language}}.',
        '-user: Say hello to {{name}}.',
        '---- settings',
        '-{',
        '-  "temperature": 0.2',
        '-}',
        '+user: Greet {{name}} warmly in {{language}}.',
      ],
    );
    const moved = await admin('PUT', '/admin/v1/prompts/greeter/labels/production', { version: 2 });
    assert.equal(moved.status, 200);
    const prompts = await admin('GET', '/admin/v1/prompts');
    assert.deepEqual(prompts.body.data[0].labels, { production: 2, staging: 2 });
    assert.equal((await admin('PUT', '/admin/v1/prompts/greeter/labels/x', { version: 9 })).status, 404);
  });

  test("a key scores its own team's calls, never another team's, even the moment a call ends", async () => {
    const post = (key: string, body: unknown) =>
      sendSample(gateway.url, 'POST', { path: '/v1/scores', body }, key).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Body,
      }));
    const support = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: teamKeys.support, maxRetries: 0 });
    const answered = await support.chat.completions
      .create(
        { model: 'fake/m', messages: [{ role: 'user', content: 'Where is my order?' }] },
        { headers: { 'x-strata-session-id': 'ticket-42' } },
      )
      .withResponse();
    const requestId = answered.response.headers.get('x-request-id') ?? '';
    const thumbs = (target: Record<string, string>) => ({
      ...target,
      name: 'resolved',
      type: 'thumbs',
      value: 'up',
    });

    // At once, while the call's row may still wait in the request log's batch.
    assert.equal((await post(teamKeys.support, thumbs({ request_id: requestId }))).status, 201);
    assert.equal((await post(teamKeys.supportWidget, thumbs({ request_id: requestId }))).status, 201);
    assert.equal((await post(teamKeys.supportWidget, thumbs({ session_id: 'ticket-42' }))).status, 201);
    for (const target of [
      { request_id: requestId },
      { session_id: 'ticket-42' },
      { request_id: 'req_none' },
    ]) {
      const refused = await post(teamKeys.sales, thumbs(target));
      assert.equal(refused.status, 404, JSON.stringify(target));
      assert.equal(refused.body.error.code, 'not_found');
      assert.equal(refused.body.error.param, Object.keys(target)[0]);
    }
    assert.equal((await admin('POST', '/v1/scores', thumbs({ session_id: 'ticket-42' }))).status, 201);
    const shown = await admin('GET', `/admin/v1/requests/${requestId}`);
    assert.equal(shown.body.scores.length, 2, 'the two scores of the request, none from sales');
  });

  test('people score requests; scores show in the query API and select dataset items from traffic', async () => {
    const good = await client.chat.completions
      .create({ model: 'fake/m', messages: [{ role: 'user', content: 'Greet Ada' }] })
      .withResponse();
    await client.chat.completions.create({
      model: 'fake/m',
      messages: [{ role: 'user', content: 'Greet Bob' }],
    });
    const goodId = good.response.headers.get('x-request-id') ?? '';
    const scored = await admin('POST', '/v1/scores', {
      request_id: goodId,
      name: 'helpful',
      type: 'thumbs',
      value: 'up',
      comment: 'exactly right',
    });
    assert.equal(scored.status, 201);
    assert.equal(scored.body.value, 'up');
    const bad = await admin('POST', '/v1/scores', { name: 'helpful', type: 'thumbs', value: 'up' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.param, 'request_id');
    await gateway.stack.flush();
    const shown = await admin('GET', `/admin/v1/requests/${goodId}`);
    assert.deepEqual(
      shown.body.scores.map((score: Record<string, unknown>) => [
        score.name,
        score.value,
        score.comment,
        score.source,
      ]),
      [['helpful', 'up', 'exactly right', 'human']],
    );

    assert.equal((await admin('POST', '/admin/v1/datasets', { name: 'greetings' })).status, 201);
    const added = await admin('POST', '/admin/v1/datasets/greetings/items', {
      from_traffic: { model: 'fake/m', score: { name: 'helpful', min: 1 }, limit: 10 },
    });
    assert.equal(added.status, 201);
    assert.equal(added.body.added, 1);
    const imported = await admin('POST', '/admin/v1/datasets/greetings/items', {
      format: 'csv',
      content: 'id,question,expected,tone\nq1,"Say hi, politely",Hi,formal\n',
    });
    assert.equal(imported.body.version, 2);
    const dataset = await admin('GET', '/admin/v1/datasets/greetings');
    assert.equal(dataset.body.items, 2);
    const fromTraffic = dataset.body.data.find(
      (item: { source_request_id: string | null }) => item.source_request_id === goodId,
    );
    assert.deepEqual(fromTraffic.input, [{ role: 'user', content: 'Greet Ada' }]);
    assert.equal(fromTraffic.expected, 'Bonjour Ada (1 messages)');
    assert.deepEqual(fromTraffic.metadata.scores, [{ name: 'helpful', value: 1, category: null }]);
    const first = await admin('GET', '/admin/v1/datasets/greetings?version=1');
    assert.equal(first.body.data.length, 1);
    const csv = await admin('GET', '/admin/v1/datasets/greetings/export?format=csv&version=2');
    assert.match(String(csv.body), /^id,input,expected,tone\n/);
    assert.match(String(csv.body), /q1,"Say hi, politely",Hi,formal\n/);
    assert.equal((await admin('GET', '/admin/v1/datasets/greetings?version=7')).status, 404);
    assert.equal((await admin('POST', '/admin/v1/datasets', { name: 'greetings' })).status, 400);
  });
});

test('a gateway with online evaluation on scores sampled calls by itself and shows it on the request', async (t) => {
  const upstream = await startUpstream();
  const gateway = await startGateway({
    providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    observability: { capture_content: true },
    request_log: { flush_interval_ms: 50 },
    evaluation: {
      online: {
        enabled: true,
        sample_rate: 1,
        interval_seconds: 1,
        assertions: [{ type: 'icontains', value: 'bonjour' }],
      },
    },
  });
  t.after(async () => {
    await gateway.close();
    await upstream.close();
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'fake/m', messages: [{ role: 'user', content: 'Greet Ada' }] })
    .withResponse();
  const id = response.headers.get('x-request-id') ?? '';
  const deadline = Date.now() + 15_000;
  let shown: Body = {};
  while (Date.now() < deadline) {
    const answer = await fetch(`${gateway.url}/admin/v1/requests/${id}`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    shown = (await answer.json()) as Body;
    if (Array.isArray(shown.scores) && shown.scores.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.deepEqual(
    (shown.scores as Body[]).map((score) => [score.name, score.value, score.source]),
    [
      ['online:icontains', 1, 'online'],
      ['online:pass', 1, 'online'],
    ],
  );
  assert.equal(shown.spans[0].events[0].name, 'gen_ai.evaluation.result');
  assert.equal(shown.spans[0].events[0].attributes['gen_ai.evaluation.score.label'], 'pass');
});
