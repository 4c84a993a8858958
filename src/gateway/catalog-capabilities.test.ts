import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request } from 'undici';
import { startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { startGateway } from './testing/start-gateway.js';

test("a model's catalog entry decides what it can serve, before any upstream call", async (t) => {
  const upstream = await startFakeUpstream((_recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  const gateway = await startGateway({
    providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    // The family table knows nothing of this model; the catalog entry says it reads no images.
    catalog: {
      models: [{ provider: 'openai-compatible', id: 'house-model', input: 1, output: 2, images: false }],
    },
  });
  t.after(async () => {
    await gateway.close();
    await upstream.close();
  });
  const ask = (content: unknown) =>
    request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.masterKey}` },
      body: JSON.stringify({ model: 'local/house-model', messages: [{ role: 'user', content }] }),
    });
  const image = [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }];
  const refused = await ask(image);
  assert.equal(refused.statusCode, 400);
  const body = (await refused.body.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'unsupported_parameter');
  assert.match(body.error.message, /image inputs/);
  assert.equal(upstream.requests.length, 0);
  const served = await ask('hello');
  assert.equal(served.statusCode, 200);
  await served.body.dump();
});
