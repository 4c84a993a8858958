import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatChunk, ChatRequest } from '../core/types.js';
import {
  type AzureOpenAIOptions,
  createAzureOpenAIProvider,
  defaultAzureApiVersion,
} from './azure-openai.js';
import { type FakeUpstreamHandler, startFakeUpstream } from './testing/fake-upstream.js';
import { readFixture } from './testing/fixtures.js';

const apiKey = 'azure-key-abcdef';
const hello: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Do you support CMK?' }] };

async function setUp(
  t: TestContext,
  handler: FakeUpstreamHandler,
  options: Partial<AzureOpenAIOptions> = {},
) {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createAzureOpenAIProvider({ id: 'azure-east', baseURL: upstream.url, apiKey, ...options });
  return { upstream, provider };
}

function serve(status: number, fixture: string, headers: Record<string, string> = {}): FakeUpstreamHandler {
  return (_request, response) => {
    const type = fixture.endsWith('.sse') ? 'text/event-stream' : 'application/json';
    response.writeHead(status, { 'content-type': type, ...headers });
    response.end(readFixture(fixture));
  };
}

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof StrataError);
  assert.doesNotMatch(error.message, new RegExp(apiKey));
  return error;
}

test('chat calls the deployment URL with api-version and the api-key header', async (t) => {
  const { upstream, provider } = await setUp(t, serve(200, 'azure/chat-completion.json'));
  const response = await provider.chat(hello);
  assert.equal(response.choices[0]?.message.content, 'Yes, Azure OpenAI supports customer managed keys.');
  const received = upstream.requests[0];
  assert.equal(
    received?.path,
    `/openai/deployments/gpt-4o/chat/completions?api-version=${defaultAzureApiVersion}`,
  );
  assert.equal(received?.headers['api-key'], apiKey);
  assert.equal(received?.headers.authorization, undefined);
  assert.equal(provider.kind, 'azure');
});

test('the deployments map and api_version option shape the URL', async (t) => {
  const upstream = await startFakeUpstream(serve(200, 'azure/chat-completion.json'));
  t.after(() => upstream.close());
  // A base URL that already ends in /openai is used as is.
  const provider = createAzureOpenAIProvider({
    id: 'azure-east',
    baseURL: `${upstream.url}/openai/`,
    apiKey,
    apiVersion: '2025-01-01-preview',
    deployments: { 'gpt-4o': 'prod gpt4o' },
  });
  await provider.chat(hello);
  assert.equal(
    upstream.requests[0]?.path,
    '/openai/deployments/prod%20gpt4o/chat/completions?api-version=2025-01-01-preview',
  );
});

test('an Azure provider needs a resource name or a base URL', () => {
  assert.throws(() => createAzureOpenAIProvider({ id: 'azure-east', apiKey }), { code: 'config_invalid' });
  assert.throws(() => createAzureOpenAIProvider({ id: 'azure-east', baseURL: 'not a url', apiKey }), {
    code: 'config_invalid',
  });
  assert.doesNotThrow(() => createAzureOpenAIProvider({ id: 'azure-east', resource: 'contoso', apiKey }));
});

test('streaming drops the prompt-filter preamble, asks for usage and ends with it', async (t) => {
  const { upstream, provider } = await setUp(t, serve(200, 'azure/stream-content.sse'));
  const chunks: ChatChunk[] = [];
  for await (const chunk of await provider.stream(hello)) chunks.push(chunk);
  assert.ok(chunks.every((chunk) => chunk.id !== ''));
  assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Yes, it does.');
  assert.equal(chunks.at(-1)?.usage?.total_tokens, 33);
  assert.deepEqual(JSON.parse(upstream.requests[0]?.body ?? '{}').stream_options, { include_usage: true });
});

test('embeddings go to the deployment embeddings path', async (t) => {
  const { upstream, provider } = await setUp(t, serve(200, 'openai/embeddings.json'));
  await provider.embed({ model: 'text-embedding-3-small', input: ['a', 'b'] });
  assert.match(
    upstream.requests[0]?.path ?? '',
    /^\/openai\/deployments\/text-embedding-3-small\/embeddings\?/,
  );
});

test('Azure errors map like OpenAI ones, honouring retry-after-ms', async (t) => {
  const { provider: limited } = await setUp(
    t,
    serve(429, 'azure/error-429.json', { 'retry-after': '6', 'retry-after-ms': '5500' }),
  );
  const rateLimited = await failure(limited.chat(hello));
  assert.equal(rateLimited.code, 'upstream_rate_limited');
  assert.equal(rateLimited.retryAfterMs, 5500);
  assert.deepEqual(rateLimited.headers, { 'retry-after': '6' });

  const { provider: missing } = await setUp(t, serve(404, 'azure/error-404.json'));
  const notFound = await failure(missing.chat(hello));
  assert.equal(notFound.code, 'upstream_not_found');
  assert.match(notFound.message, /deployment for this resource does not exist/);

  const { provider: denied } = await setUp(t, serve(401, 'azure/error-401.json'));
  assert.equal((await failure(denied.chat(hello))).code, 'upstream_auth_failed');

  const { provider: filtered } = await setUp(t, serve(400, 'azure/error-400-content-filter.json'));
  const contentFilter = await failure(filtered.chat(hello));
  assert.equal(contentFilter.code, 'upstream_invalid_request');
  assert.match(contentFilter.message, /content management policy/);
});
