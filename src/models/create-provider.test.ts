import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';
import { createProvider, providerKinds } from './create-provider.js';
import { startFakeUpstream } from './testing/fake-upstream.js';
import { readFixture } from './testing/fixtures.js';

const hello: ChatRequest = { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }] };

function configError(action: () => unknown): StrataError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof StrataError);
    assert.equal(error.code, 'config_invalid');
    return error;
  }
  assert.fail('expected config_invalid');
}

test('a preset provider takes its quirks from the preset and its URL from base_url', async (t) => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  t.after(() => upstream.close());
  const groq = createProvider('groq', {
    base_url: `${upstream.url}/openai/v1`,
    api_key: 'gsk_test',
    timeout_ms: 1000,
  });
  assert.equal(groq.kind, 'groq');
  assert.equal(groq.capabilities.embeddings, false);
  await assert.rejects(groq.chat({ ...hello, n: 3 }), { code: 'unsupported_parameter', param: 'n' });
  await groq.chat(hello);
  assert.equal(upstream.requests[0]?.path, '/openai/v1/chat/completions');
  assert.equal(upstream.requests[0]?.headers.authorization, 'Bearer gsk_test');
});

test('kind defaults to the provider id when the id names a preset', () => {
  assert.equal(createProvider('ollama', {}).kind, 'ollama');
  assert.equal(createProvider('my-ollama', { kind: 'ollama' }).id, 'my-ollama');
  assert.equal(
    createProvider('azure', { base_url: 'https://x.openai.azure.com', api_key: 'k' }).kind,
    'azure',
  );
});

test('openai-compatible needs a base URL and no key', () => {
  const local = createProvider('my-vllm', {
    kind: 'openai-compatible',
    base_url: 'http://127.0.0.1:9000/v1',
  });
  assert.equal(local.kind, 'openai-compatible');
  assert.match(
    configError(() => createProvider('my-vllm', { kind: 'openai-compatible' })).message,
    /base_url/,
  );
});

test('an unknown kind names the provider and every known kind', () => {
  const error = configError(() => createProvider('mine', { kind: 'anthropc' }));
  assert.match(error.message, /`mine`/);
  assert.match(error.message, /`anthropc`/);
  for (const kind of providerKinds) assert.match(error.message, new RegExp(kind));
  assert.match(configError(() => createProvider('mine', {})).message, /has no `kind`/);
});

test('a hosted preset without a key names the variable that usually holds it', () => {
  assert.match(configError(() => createProvider('openai', {})).message, /api_key.*OPENAI_API_KEY/);
  assert.match(
    configError(() => createProvider('azure', { base_url: 'https://x.openai.azure.com' })).message,
    /api_key/,
  );
  assert.match(configError(() => createProvider('azure', { api_key: 'k' })).message, /base_url/);
});
