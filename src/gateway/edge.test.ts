import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('the HTTP edge', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let upstreamClosed: Promise<unknown>;

  before(async () => {
    let signalClosed: (value: unknown) => void = () => {};
    upstreamClosed = new Promise((resolve) => {
      signalClosed = resolve;
    });
    upstream = await startFakeUpstream((recorded, response) => {
      const body = JSON.parse(recorded.body) as { model: string; stream?: boolean };
      if (body.model === 'hangs') {
        // Send one chunk, then hold the stream open until the gateway hangs up.
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(`${readFixture('openai/stream-content.sse').split('\n\n')[0]}\n\n`);
        response.once('close', () => signalClosed(true));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(readFixture('openai/chat-completion.json'));
    });
    gateway = await startGateway({
      server: { body_limit_bytes: 4096 },
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const post = (path: string, body: unknown, key = gateway.masterKey) =>
    request(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
      body: JSON.stringify(body),
    });

  test('a body over the limit gets 413 request_too_large', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'fake/gpt-4o-mini',
      messages: [{ role: 'user', content: 'x'.repeat(10_000) }],
    });
    assert.equal(response.statusCode, 413);
    assert.equal(
      ((await response.body.json()) as { error: { code: string } }).error.code,
      'request_too_large',
    );
  });

  test('no key gets 401 missing_api_key; health checks need none', async () => {
    const response = await post('/v1/chat/completions', { model: 'fake/x', messages: [] }, '');
    assert.equal(response.statusCode, 401);
    assert.equal(((await response.body.json()) as { error: { code: string } }).error.code, 'missing_api_key');
    assert.equal((await request(`${gateway.url}/healthz`)).statusCode, 200);
    const ready = await request(`${gateway.url}/readyz`);
    assert.deepEqual(await ready.body.json(), { status: 'ready' });
  });

  test('a client that disconnects mid-stream aborts the upstream call and is logged as 499', async () => {
    const controller = new AbortController();
    const response = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify({ model: 'fake/hangs', stream: true, messages: [{ role: 'user', content: 'x' }] }),
      signal: controller.signal,
    });
    const requestId = String(response.headers['x-request-id']);
    const reader = response.body[Symbol.asyncIterator]();
    await reader.next();
    controller.abort();
    await Promise.race([
      upstreamClosed,
      sleep(5000).then(() => assert.fail('the upstream connection stayed open')),
    ]);
    // The log row is written when the stream's summary settles, just after the abort.
    for (let tries = 0; tries < 50; tries++) {
      await gateway.stack.flush();
      const row = await gateway.stack.requestLog.get(requestId);
      if (row) {
        assert.equal(row.status, 499);
        assert.equal(row.errorCode, 'client_closed_request');
        assert.equal(row.stream, true);
        return;
      }
      await sleep(20);
    }
    assert.fail('no request log row for the aborted stream');
  });

  test('virtual keys: created by the master key, usable, kept out of the admin API, revocable', async () => {
    const created = await post('/admin/v1/keys', { name: 'ci', metadata: { team: 'search' } });
    assert.equal(created.statusCode, 201);
    const key = (await created.body.json()) as { id: string; key: string; keyPrefix: string };
    assert.match(key.key, /^sk-strata-/);

    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'fake/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(completion.object, 'chat.completion');

    const forbidden = await post('/admin/v1/keys', { name: 'escalation' }, key.key);
    assert.equal(forbidden.statusCode, 403);

    const listed = await request(`${gateway.url}/admin/v1/keys`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    const listing = JSON.stringify(await listed.body.json());
    assert.ok(listing.includes(key.id) && listing.includes(key.keyPrefix));
    assert.ok(!listing.includes(key.key), 'the secret is never listed');

    const revoked = await request(`${gateway.url}/admin/v1/keys/${key.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(revoked.statusCode, 200);
    await assert.rejects(
      client.models.list(),
      (error: unknown) => error instanceof OpenAI.AuthenticationError,
    );
    const again = await request(`${gateway.url}/admin/v1/keys/${key.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(again.statusCode, 404);
  });

  test('a request the model cannot serve gets a 400 naming the capability, before any upstream call', async () => {
    const before = upstream.requests.length;
    const response = await post('/v1/chat/completions', {
      model: 'fake/text-embedding-3-small',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(response.statusCode, 400);
    const body = (await response.body.json()) as { error: { code: string; param: string; message: string } };
    assert.equal(body.error.code, 'unsupported_parameter');
    assert.match(body.error.message, /embedding model/);
    assert.equal(upstream.requests.length, before);
  });

  test('admin key creation validates its body', async () => {
    const response = await post('/admin/v1/keys', { name: '' });
    assert.equal(response.statusCode, 400);
    assert.equal(((await response.body.json()) as { error: { param: string } }).error.param, 'name');
  });
});

test('--no-auth serves without a key', async (t) => {
  const upstream = await startFakeUpstream((_recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  const gateway = await startGateway(
    { providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } } },
    { noAuth: true },
  );
  t.after(async () => {
    await gateway.close();
    await upstream.close();
  });
  const response = await request(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.statusCode, 200);
  await response.body.dump();
});
