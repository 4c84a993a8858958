import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { completionBody } from './mock-responses.js';
import { startServerProcess } from './server-process.js';

const script = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const listening = /^listening (\d+)$/;

test('the recording floor relays JSON and streams and stores one priced row per call', async (t) => {
  const upstream = await startServerProcess({
    name: 'mock upstream',
    command: process.execPath,
    args: [script('./mock-upstream.js')],
    readyPattern: listening,
  });
  t.after(() => upstream.stop());
  const proxy = await startServerProcess({
    name: 'recording pass-through',
    command: process.execPath,
    args: [script('./recording-proxy.js'), `http://127.0.0.1:${upstream.port}`],
    readyPattern: listening,
  });
  const call = async (stream: boolean) => {
    const response = await request(`http://127.0.0.1:${proxy.port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'mock/gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream,
      }),
    });
    return { status: response.statusCode, body: await response.body.text() };
  };

  const json = await call(false);
  assert.equal(json.status, 200);
  assert.equal(json.body, completionBody.toString());
  const stream = await call(true);
  assert.equal(stream.status, 200);
  assert.match(stream.body, /"usage":\{[^}]*"total_tokens"[\s\S]*data: \[DONE\]\n\n$/);
  assert.equal((await call(false)).status, 200);
  const bad = await request(`http://127.0.0.1:${proxy.port}/v1/chat/completions`, {
    method: 'POST',
    body: '{',
  });
  assert.equal(bad.statusCode, 400);
  await bad.body.dump();

  await proxy.stop();
  // Three priced calls, each with the mock's usage; the bad one left no row.
  const usage = JSON.parse(completionBody.toString()).usage as { total_tokens: number };
  assert.match(proxy.outputTail(), new RegExp(`stored 3 rows, ${3 * usage.total_tokens} tokens`));
});
