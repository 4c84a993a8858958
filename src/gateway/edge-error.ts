import type { FastifyError } from 'fastify';
import { StrataError } from '../core/errors.js';

/** Turns anything thrown while serving a request into a catalogue error: fastify's own errors included. */
export function edgeError(error: unknown, bodyLimit: number): StrataError {
  if (error instanceof StrataError) return error;
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new StrataError(
        'request_too_large',
        `The request body is larger than the limit of ${bodyLimit} bytes.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new StrataError('unsupported_media_type', 'Send the request body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new StrataError('invalid_json', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new StrataError('invalid_request', 'The Content-Length header does not match the body.');
  }
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new StrataError('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new StrataError('invalid_request', fastifyError.message ?? 'Bad request.', { status });
  }
  return new StrataError('internal_error', 'Internal error; see the server log for details.', {
    cause: error,
  });
}
