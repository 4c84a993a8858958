import assert from 'node:assert/strict';

/** An error response as a test reads it: status, `x-request-id` and parsed body. */
export interface ErrorResponse {
  status: number;
  requestId: string | null;
  body: unknown;
}

/** Whether a path is served in Anthropic's error shape (the Messages API) rather than OpenAI's. */
export function isAnthropicPath(path: string): boolean {
  return path.startsWith('/v1/messages');
}

/**
 * Asserts an error response is the one error shape for its path (OpenAI's `{error:{message,type,param,code}}`,
 * or Anthropic's `{type:'error',error:{type,message}}` on the Messages API) and carries an `x-request-id`.
 */
export function assertErrorShape(path: string, response: ErrorResponse): void {
  assert.match(response.requestId ?? '', /^req_/, `x-request-id on ${response.status} from ${path}`);
  const body = response.body as Record<string, unknown> | null;
  assert.ok(body !== null && typeof body === 'object', `an error body from ${path}`);
  const error = body.error as Record<string, unknown> | undefined;
  assert.ok(error !== null && typeof error === 'object', `an error object from ${path}`);
  if (isAnthropicPath(path)) {
    assert.deepEqual(Object.keys(body).sort(), ['error', 'type']);
    assert.equal(body.type, 'error');
    assert.deepEqual(Object.keys(error).sort(), ['message', 'type']);
  } else {
    assert.deepEqual(Object.keys(body), ['error']);
    assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(typeof error.code, 'string');
    assert.ok(error.param === null || typeof error.param === 'string');
  }
  assert.equal(typeof error.type, 'string');
  assert.equal(typeof error.message, 'string');
}

/** Sends a request with fetch and reads it as an ErrorResponse (the body parsed as JSON when it is). */
export async function send(url: string, init: RequestInit): Promise<ErrorResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, requestId: response.headers.get('x-request-id'), body };
}
