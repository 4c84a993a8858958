import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { ChatRequest } from '../../../core/types.js';
import type { Provider } from '../../provider.js';
import {
  type FakeUpstream,
  type FakeUpstreamHandler,
  type RecordedRequest,
  startFakeUpstream,
} from '../../testing/fake-upstream.js';
import { readFixture } from '../../testing/fixtures.js';
import { type BedrockOptions, createBedrockProvider } from '../bedrock-provider.js';
import { checkSignature, sha256 } from './sigv4-check.js';

/** Dummy credentials every harness provider signs with; no error message may contain the secret. */
export const testCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN',
};

/** The region every harness provider signs for. */
export const testRegion = 'us-west-2';

/** A minimal chat request for a Claude model on Bedrock. */
export const helloRequest: ChatRequest = {
  model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  messages: [{ role: 'user', content: 'Hello' }],
};

/** Starts a fake Bedrock endpoint (closed when the test ends) and a Bedrock provider pointed at it. */
export async function startBedrockAgainst(
  t: TestContext,
  handler: FakeUpstreamHandler,
  options: Partial<BedrockOptions> = {},
): Promise<{ upstream: FakeUpstream; provider: Provider }> {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createBedrockProvider({
    id: 'bedrock',
    region: testRegion,
    credentials: testCredentials,
    baseURL: upstream.url,
    ...options,
  });
  return { upstream, provider };
}

/** Answers with a JSON fixture; errors carry AWS's `x-amzn-errortype` header. */
export function serveJson(status: number, fixture: string, errorType?: string): FakeUpstreamHandler {
  return (_request, response) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-requestid': 'b1c2d3e4-0000-4000-8000-000000000000',
      ...(errorType === undefined
        ? {}
        : { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/` }),
    });
    response.end(readFixture(fixture));
  };
}

/** Encodes a JSON fixture of `{headers, payload}` events as the binary event-stream bytes Bedrock sends. */
export function encodeEventFixture(fixture: string): Uint8Array {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const events: Array<{ headers: Record<string, string>; payload: unknown }> = JSON.parse(
    readFixture(fixture),
  );
  const parts = events.map(({ headers, payload }) => {
    const typed: MessageHeaders = {};
    for (const [name, value] of Object.entries(headers)) typed[name] = { type: 'string', value };
    return codec.encode({ headers: typed, body: fromUtf8(JSON.stringify(payload)) });
  });
  return Buffer.concat(parts);
}

/** Streams an event fixture in uneven pieces, so message boundaries fall mid-prelude and mid-payload. */
export function serveEvents(fixture: string, pieceSize = 37): FakeUpstreamHandler {
  return async (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    const bytes = encodeEventFixture(fixture);
    for (let start = 0; start < bytes.length; start += pieceSize) {
      response.write(bytes.subarray(start, start + pieceSize));
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

/** Asserts the request carries a valid SigV4 signature for `bedrock` in the test region, over its exact bytes. */
export function assertSigned(request: RecordedRequest | undefined): void {
  assert.ok(request, 'the upstream received no request');
  const check = checkSignature(request, testCredentials.secretAccessKey);
  assert.equal(check.accessKeyId, testCredentials.accessKeyId);
  const amzDate = String(request.headers['x-amz-date']);
  assert.match(amzDate, /^\d{8}T\d{6}Z$/);
  assert.equal(check.scope, `${amzDate.slice(0, 8)}/${testRegion}/bedrock/aws4_request`);
  for (const name of ['host', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'content-type']) {
    assert.ok(check.signedHeaders.includes(name), `${name} is not signed`);
  }
  assert.equal(request.headers['x-amz-content-sha256'], sha256(request.body));
  assert.equal(request.headers['x-amz-security-token'], testCredentials.sessionToken);
  assert.equal(check.signature, check.expected, 'the signature does not match the bytes received');
}
