import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, StrataError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';

/** Statuses for HTTP parser errors that come before any request exists. */
const statusOf: Record<string, number> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_OVERFLOW: 431,
};

/**
 * Answers a connection whose bytes are not a valid HTTP request (bad request line or headers, headers too
 * large, a request timeout) in the one error shape with a fresh `x-request-id`, then closes it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = statusOf[error.code ?? ''] ?? 400;
  const body = JSON.stringify(
    errorBody(new StrataError('invalid_request', 'The request is not valid HTTP.', { status })),
  );
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${newRequestId()}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
