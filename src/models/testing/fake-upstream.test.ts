import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request } from 'undici';
import { startFakeUpstream } from './fake-upstream.js';

test('the fake upstream records each request and answers through the handler', async (t) => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(201, { 'content-type': 'text/plain' });
    response.end('made');
  });
  t.after(() => upstream.close());
  const response = await request(`${upstream.url}/v1/things?x=1`, {
    method: 'POST',
    headers: { 'x-test': 'yes' },
    body: '{"a":1}',
  });
  assert.equal(response.statusCode, 201);
  assert.equal(await response.body.text(), 'made');
  assert.equal(upstream.requests.length, 1);
  assert.deepEqual(
    { ...upstream.requests[0], headers: upstream.requests[0]?.headers['x-test'] },
    { method: 'POST', path: '/v1/things?x=1', headers: 'yes', body: '{"a":1}' },
  );
});
