import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { benchMasterKey, benchModel, benchVirtualKey, startStrataServer } from './strata-server.js';

const mockScript = fileURLToPath(new URL('./mock-upstream.js', import.meta.url));

async function chat(server: ServerProcess, key: string) {
  const response = await request(`http://127.0.0.1:${server.port}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: benchModel, messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 }),
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

test('the full profile serves a governed call: its virtual key, a budget-priced model and a rate limit', async (t) => {
  const upstream = await startServerProcess({
    name: 'mock upstream',
    command: process.execPath,
    args: [mockScript],
    readyPattern: /^listening (\d+)$/,
  });
  t.after(() => upstream.stop());
  const full = await startStrataServer({ profile: 'full', upstreamPort: upstream.port, workers: 1 });
  t.after(() => full.stop());

  const answer = await chat(full, benchVirtualKey);
  assert.equal(answer.status, 200, answer.body);
  assert.match(answer.body, /"chat\.completion"/);
  // The key rate limit is in force: admitted calls carry its window.
  assert.ok(answer.headers['x-ratelimit-limit-requests'], JSON.stringify(answer.headers));
  // A priced call has a cost, which the team and global budgets reserve against.
  assert.ok(Number(answer.headers['x-strata-cost-usd']) > 0, JSON.stringify(answer.headers));
  const master = await chat(full, benchMasterKey);
  assert.equal(master.status, 200, master.body);
});
