import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

const providerSecret = 'sk-upstream-secret-DO-NOT-LOG-4f1e2d';

describe('logs: one JSON line per request, and never a secret', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  const written: string[] = [];

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway(
      {
        providers: {
          local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: '${PLANTED_KEY}' },
        },
      },
      { environment: { PLANTED_KEY: providerSecret }, stackDeps: { writeLog: (text) => written.push(text) } },
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('calls, refusals and admin requests each write one line with their ids; keys and secrets never appear', async () => {
    const created = await fetch(`${gateway.url}/admin/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'app' }),
    });
    const virtualKey = ((await created.json()) as { key: string }).key;
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: virtualKey, maxRetries: 0 });
    const answered = await client.chat.completions
      .create({ model: 'local/plain', messages: [{ role: 'user', content: `my key is ${virtualKey}` }] })
      .withResponse();
    const stream = await client.chat.completions.create({
      model: 'local/plain',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const _chunk of stream) {
      // drain
    }
    upstream.cue('plain', { status: 401, message: `bad key ${providerSecret}` });
    await assert.rejects(
      client.chat.completions.create({ model: 'local/plain', messages: [{ role: 'user', content: 'hi' }] }),
    );
    const refused = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: 'Bearer sk-strata-wrong-secret-123' },
    });
    assert.equal(refused.status, 401);
    await gateway.stack.flush();

    const lines = written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = entries.filter((entry) => entry.msg === 'call');
    assert.equal(calls.length, 3, lines.join('\n'));
    const first = calls.find((entry) => entry.request_id === answered.response.headers.get('x-request-id'));
    assert.equal(first?.level, 'info');
    assert.equal(first?.trace_id, answered.response.headers.get('x-strata-trace-id'));
    assert.equal(first?.model, 'local/plain');
    assert.equal(
      calls.filter((entry) => entry.level === 'error').length,
      1,
      'the provider refusing our key is a 502',
    );
    const requests = entries.filter((entry) => entry.msg === 'request');
    assert.ok(requests.some((entry) => entry.path === '/admin/v1/keys' && entry.level === 'info'));
    assert.ok(
      requests.some((entry) => entry.path === '/v1/models' && entry.status === 401 && entry.level === 'warn'),
    );
    for (const line of lines) {
      for (const secret of [providerSecret, gateway.masterKey, virtualKey, 'sk-strata-wrong-secret-123'])
        assert.ok(!line.includes(secret), `a log line holds a secret: ${line}`);
      assert.doesNotMatch(line, /authorization|bearer/i);
    }
  });
});
