import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import { upstreamNetworkError } from './network-error.js';

const context = { provider: 'acme' };

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
  const already = new StrataError('upstream_malformed_response', 'x');
  assert.equal(upstreamNetworkError(context, already, { callerAborted: false }), already);
});

test('an invalid URL or header is a configuration problem, not an outage', () => {
  const invalid = Object.assign(new Error('invalid header value'), { code: 'UND_ERR_INVALID_ARG' });
  assert.equal(upstreamNetworkError(context, invalid, { callerAborted: false }).code, 'config_invalid');
});
