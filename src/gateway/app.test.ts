import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { assertErrorShape, send } from './testing/error-shape.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Writes raw bytes to the gateway and reads everything it answers until it closes the connection. */
async function rawExchange(url: string, writes: Array<string | (() => Promise<void>)>): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = once(socket, 'close');
  for (const write of writes) {
    if (typeof write === 'string') socket.write(write);
    else await write();
  }
  await closed;
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits raw HTTP/1.1 responses (each with a content-length) into status, headers and parsed body. */
function parseResponses(raw: string) {
  const responses = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    const length = Number(headers['content-length']);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    responses.push({
      status: Number(statusLine.split(' ')[1]),
      requestId: headers['x-request-id'] ?? null,
      body: JSON.parse(body) as unknown,
    });
    rest = rest.slice(headEnd + 4 + length);
  }
  return responses;
}

describe("Fastify's own errors in the one error shape", () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeUpstream((_recorded, response) => {
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

  const authorization = () => `Bearer ${gateway.masterKey}`;

  test('bad JSON, an empty JSON body, a wrong media type and a body too large', async () => {
    const cases: Array<[path: string, type: string, body: string, status: number, code: string]> = [
      ['/v1/chat/completions', 'application/json', '{"model":', 400, 'invalid_json'],
      ['/v1/chat/completions', 'application/json', '', 400, 'invalid_json'],
      ['/v1/chat/completions', 'application/xml', '<a/>', 415, 'unsupported_media_type'],
      [
        '/v1/chat/completions',
        'application/json',
        `{"model":"${'x'.repeat(5000)}"}`,
        413,
        'request_too_large',
      ],
      ['/admin/v1/keys', 'application/json', 'nul', 400, 'invalid_json'],
      ['/v1/messages', 'application/json', '{', 400, ''],
    ];
    for (const [path, type, body, status, code] of cases) {
      const response = await send(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: authorization() },
        body,
      });
      assert.equal(response.status, status, `${path} ${type} ${body.slice(0, 20)}`);
      assertErrorShape(path, response);
      if (code) assert.equal((response.body as { error: { code: string } }).error.code, code);
    }
  });

  test('an unknown route, a bad URL and an over-long path parameter', async () => {
    const cases: Array<[method: string, path: string, status: number]> = [
      ['GET', '/v2/nothing', 404],
      ['DELETE', '/admin/v1/keys/%zz', 400],
      ['DELETE', `/admin/v1/keys/${'k'.repeat(3000)}`, 414],
    ];
    for (const [method, path, status] of cases) {
      const response = await send(`${gateway.url}${path}`, {
        method,
        headers: { authorization: authorization() },
      });
      assert.equal(response.status, status, `${method} ${path.slice(0, 40)}`);
      assertErrorShape(path, response);
    }
  });

  test('bytes that are not HTTP get a 400 in the one shape with a request id', async () => {
    const [response] = parseResponses(await rawExchange(gateway.url, ['NOT HTTP AT ALL\r\n\r\n']));
    assert.ok(response);
    assert.equal(response.status, 400);
    assertErrorShape('/', response);
  });
});

test('a request that arrives while the server closes gets 503 shutting_down in the one shape', async () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const upstream = await startFakeUpstream(async (_recorded, response) => {
    await held;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  const gateway = await startGateway({
    providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
  });
  const chat = JSON.stringify({ model: 'fake/m', messages: [{ role: 'user', content: 'hi' }] });
  const requestFor = (path: string, body: string) =>
    `POST ${path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${gateway.masterKey}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  let closed: Promise<void> = Promise.resolve();
  try {
    // The first call holds its connection busy, so closing does not drop it; the second arrives on it mid-close.
    const raw = await rawExchange(gateway.url, [
      requestFor('/v1/chat/completions', chat),
      async () => {
        while (upstream.requests.length === 0) await sleep(5);
        closed = gateway.close();
        await sleep(50);
      },
      requestFor('/v1/messages', JSON.stringify({ model: 'fake/m', max_tokens: 5, messages: [] })),
      async () => {
        await sleep(50);
        release();
      },
    ]);
    const [first, second] = parseResponses(raw);
    assert.equal(first?.status, 200);
    assert.ok(second);
    assert.equal(second.status, 503);
    assertErrorShape('/v1/messages', second);
  } finally {
    release();
    await closed;
    await upstream.close();
  }
});
