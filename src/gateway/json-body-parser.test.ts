import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { maxJsonDepth } from './json-depth.js';
import { assertErrorShape, send } from './testing/error-shape.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** A JSON value nested `depth` arrays deep. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** A JSON Schema whose `properties` nest `levels` objects deep (two JSON levels each). */
const deepSchema = (levels: number): string =>
  levels === 0 ? '{"type":"string"}' : `{"type":"object","properties":{"x":${deepSchema(levels - 1)}}}`;

const hi = '[{"role":"user","content":"hi"}]';
const deep = nested(10_000);

/** Every place a body may nest deeply, one request each; `%` stands for the deep value. */
const deepBodies: Array<[path: string, body: string]> = [
  [
    '/v1/chat/completions',
    `{"model":"fake/m","messages":${hi},"tools":[{"type":"function","function":{"name":"f","parameters":{"p":%}}}]}`,
  ],
  [
    '/v1/chat/completions',
    `{"model":"fake/m","messages":${hi},"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"p":%}}}}`,
  ],
  [
    '/v1/chat/completions',
    `{"model":"fake/m","messages":[{"role":"user","content":[{"type":"file","file":{"p":%}}]}]}`,
  ],
  ['/v1/chat/completions', `{"model":"fake/m","messages":${hi},"anything":%}`],
  ['/v1/completions', `{"model":"fake/m","prompt":"hi","anything":%}`],
  ['/v1/embeddings', `{"model":"fake/m","input":%}`],
  [
    '/v1/messages',
    `{"model":"fake/m","max_tokens":5,"messages":${hi},"tools":[{"name":"f","input_schema":{"p":%}}]}`,
  ],
  [
    '/v1/messages/count_tokens',
    `{"model":"fake/m","messages":${hi},"tools":[{"name":"f","input_schema":{"p":%}}]}`,
  ],
  ['/v1/knowledge/docs/search', `{"query":"q","filter":{"p":%}}`],
  ['/admin/v1/keys', `{"name":"k","metadata":{"p":%}}`],
  ['/admin/v1/budgets', `{"scope":"global","period":"total","limit_usd":1,"p":%}`],
  ['/admin/v1/knowledge/docs/documents', `{"documents":[{"id":"d","text":"t","metadata":{"p":%}}]}`],
];

describe('JSON bodies at the edge', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeUpstream((_recorded, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(readFixture('openai/chat-completion.json'));
    });
    gateway = await startGateway({
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    });
    await gateway.stack.knowledge.createBase({ name: 'docs' });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const post = (path: string, body: string) =>
    send(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body,
    });

  test('nesting 10,000 deep anywhere in a body is a 400 in the one error shape, on every route', async () => {
    for (const [path, template] of deepBodies) {
      const response = await post(path, template.replace('%', deep));
      assert.equal(response.status, 400, `${path} ${template.slice(0, 60)}`);
      assertErrorShape(path, response);
      const { error } = response.body as { error: { message: string } };
      assert.match(error.message, new RegExp(`more than ${maxJsonDepth} levels`));
    }
  });

  test('a tool schema nested as deep as real ones are is served', async () => {
    const body = `{"model":"fake/m","messages":${hi},"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(40)}}}]}`;
    const response = await post('/v1/chat/completions', body);
    assert.equal(response.status, 200);
    assert.equal(upstream.requests.length, 1);
    assert.ok(upstream.requests[0]?.body.includes(deepSchema(40)));
  });

  test('prototype poisoning is still refused', async () => {
    const response = await post('/admin/v1/keys', '{"name":"k","__proto__":{"admin":true}}');
    assert.equal(response.status, 400);
    assertErrorShape('/admin/v1/keys', response);
  });
});
