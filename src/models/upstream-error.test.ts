import assert from 'node:assert/strict';
import { test } from 'node:test';
import { malformedResponseError, reportedUpstreamError, upstreamHttpError } from './upstream-error.js';

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

test('errors reported inside a 200 or a stream, and unusable bodies, are retryable upstream failures', () => {
  const reported = reportedUpstreamError(context, openAIError('overloaded'));
  assert.deepEqual([reported.code, reported.retryable], ['upstream_error', true]);
  assert.match(reported.message, /acme.*overloaded/);
  const malformed = malformedResponseError(context, 'the body is not JSON');
  assert.deepEqual(
    [malformed.code, malformed.status, malformed.retryable],
    ['upstream_malformed_response', 502, true],
  );
});
