import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatRequest } from '../../core/types.js';
import { createOpenAICompatibleProvider, type OpenAICompatibleOptions } from '../openai-compatible.js';
import type { Provider } from '../provider.js';
import {
  type FakeUpstream,
  type FakeUpstreamHandler,
  type RecordedRequest,
  startFakeUpstream,
} from './fake-upstream.js';
import { readFixture } from './fixtures.js';

/** The API key every harness provider is built with; no error message may contain it. */
export const testApiKey = 'sk-test-0123456789';

/** A minimal chat request. */
export const helloRequest: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
};

/** Starts a fake upstream (closed when the test ends) and an OpenAI-compatible provider pointed at it. */
export async function startProviderAgainst(
  t: TestContext,
  handler: FakeUpstreamHandler,
  options: Partial<OpenAICompatibleOptions> = {},
): Promise<{ upstream: FakeUpstream; provider: Provider }> {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createOpenAICompatibleProvider({
    id: 'openai',
    kind: 'openai',
    baseURL: `${upstream.url}/v1/`,
    apiKey: testApiKey,
    ...options,
  });
  return { upstream, provider };
}

/** Answers with a JSON fixture and the given status. */
export function serveJson(
  status: number,
  fixture: string,
  headers: Record<string, string> = {},
): FakeUpstreamHandler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(readFixture(fixture));
  };
}

/** Streams an SSE fixture in uneven pieces, so chunk boundaries fall mid-line and mid-character. */
export function serveSse(fixture: string): FakeUpstreamHandler {
  return async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const text = readFixture(fixture);
    for (let start = 0; start < text.length; start += 97) {
      response.write(text.slice(start, start + 97));
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  };
}

/** The JSON body the upstream received. */
export function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  assert.ok(request, 'the upstream received no request');
  return JSON.parse(request.body);
}

/** Reads a whole stream. */
export async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Resolves when the fake upstream's response closes, e.g. because Strata dropped the connection. */
export function closedConnection(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.on('close', () => resolve()));
}

/** Asserts the promise rejects with a StrataError of this code that does not leak the API key. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StrataError, `expected a StrataError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.doesNotMatch(error.message, new RegExp(testApiKey));
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}
