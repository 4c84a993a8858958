import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import {
  parseRetryAfter,
  upstreamHttpError,
  upstreamMessage,
  upstreamNetworkError,
} from './upstream-error.js';

const context = { provider: 'acme', secrets: ['sk-secret-123'] };
const openAIError = (message: string) =>
  JSON.stringify({ error: { message, type: 'x', param: null, code: null } });

test('each upstream status maps to its catalogue code, status and retry flag', () => {
  const cases: Array<[number, string, number, boolean]> = [
    [400, 'upstream_invalid_request', 400, false],
    [422, 'upstream_invalid_request', 422, false],
    [401, 'upstream_auth_failed', 502, false],
    [403, 'upstream_auth_failed', 502, false],
    [404, 'upstream_not_found', 404, false],
    [408, 'upstream_timeout', 504, true],
    [409, 'upstream_conflict', 409, true],
    [429, 'upstream_rate_limited', 429, true],
    [500, 'upstream_error', 502, true],
    [502, 'upstream_error', 502, true],
    [503, 'upstream_unavailable', 503, true],
    [504, 'upstream_timeout', 504, true],
    [520, 'upstream_error', 502, true],
    [402, 'upstream_error', 502, false],
  ];
  for (const [status, code, edgeStatus, retryable] of cases) {
    const error = upstreamHttpError(context, status, {}, openAIError('nope'));
    assert.deepEqual(
      [error.code, error.status, error.retryable],
      [code, edgeStatus, retryable],
      `status ${status}`,
    );
  }
});

test("a 400 carries the upstream's own message; a 401 blames the credentials and names the provider", () => {
  const invalid = upstreamHttpError(context, 400, {}, openAIError("Invalid value for 'temperature'"));
  assert.match(invalid.message, /acme.*Invalid value for 'temperature'/);
  const auth = upstreamHttpError(context, 401, {}, openAIError('Incorrect API key provided: sk-secret-123'));
  assert.match(auth.message, /rejected Strata's credentials.*provider `acme`/);
  assert.doesNotMatch(auth.message, /sk-secret/);
});

test('a secret echoed in an upstream message is blanked out', () => {
  const error = upstreamHttpError(context, 400, {}, openAIError('bad key sk-secret-123 in body'));
  assert.doesNotMatch(error.message, /sk-secret-123/);
  assert.match(error.message, /\[redacted\]/);
});

test('a 429 carries retryAfterMs and a retry-after header for the edge', () => {
  const fromSeconds = upstreamHttpError(context, 429, { 'retry-after': '20' }, '');
  assert.equal(fromSeconds.retryAfterMs, 20_000);
  assert.deepEqual(fromSeconds.headers, { 'retry-after': '20' });
  const fromMilliseconds = upstreamHttpError(
    context,
    429,
    { 'retry-after-ms': '1500', 'retry-after': '2' },
    '',
  );
  assert.equal(fromMilliseconds.retryAfterMs, 1500);
  assert.deepEqual(fromMilliseconds.headers, { 'retry-after': '2' });
  const without = upstreamHttpError(context, 429, {}, '');
  assert.equal(without.retryAfterMs, undefined);
  assert.deepEqual(without.headers, {});
});

test('Retry-After accepts an HTTP date and ignores garbage', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30_000);
  assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, now), 0);
  assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
  assert.equal(parseRetryAfter({ 'retry-after-ms': 'x', 'retry-after': '1.5' }, now), 1500);
});

test('messages come from OpenAI, FastAPI and plain-text bodies, flattened and truncated', () => {
  assert.equal(upstreamMessage('{"error":{"message":"bad\\n thing"}}'), 'bad thing');
  assert.equal(upstreamMessage('{"error":"plain error string"}'), 'plain error string');
  assert.equal(upstreamMessage('{"detail":[{"msg":"field required"}]}'), '[{"msg":"field required"}]');
  assert.equal(upstreamMessage('<html>Bad Gateway</html>'), '<html>Bad Gateway</html>');
  assert.equal(upstreamMessage(''), '');
  assert.equal(upstreamMessage('x'.repeat(2000)).length, 501);
});

test('network failures map to timeout, connection failure or a client close', () => {
  const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  assert.equal(
    upstreamNetworkError(context, socket, { callerAborted: false }).code,
    'upstream_connection_failed',
  );
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const wrapped = new TypeError('fetch failed', { cause: reset });
  const failed = upstreamNetworkError(context, wrapped, { callerAborted: false });
  assert.equal(failed.code, 'upstream_connection_failed');
  assert.equal(failed.retryable, true);
  assert.match(failed.message, /ECONNRESET/);
  for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']) {
    const timeout = Object.assign(new Error('timeout'), { code });
    assert.equal(upstreamNetworkError(context, timeout, { callerAborted: false }).code, 'upstream_timeout');
  }
  const abort = new DOMException('This operation was aborted', 'AbortError');
  assert.equal(upstreamNetworkError(context, abort, { callerAborted: true }).code, 'client_closed_request');
  const ownTimeout = upstreamNetworkError(context, abort, { callerAborted: false, timedOutAfterMs: 50 });
  assert.equal(ownTimeout.code, 'upstream_timeout');
  assert.match(ownTimeout.message, /50 ms/);
  const already = new StrataError('upstream_malformed_response', 'x');
  assert.equal(upstreamNetworkError(context, already, { callerAborted: false }), already);
});
