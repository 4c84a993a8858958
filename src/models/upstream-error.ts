import { StrataError } from '../core/errors.js';
import { parseRetryAfter, type UpstreamHeaders } from './retry-after.js';
import { redactSecrets, upstreamMessage } from './upstream-message.js';

export type { UpstreamHeaders } from './retry-after.js';

/** Who failed, and which strings must never appear in an error message. */
export interface UpstreamContext {
  /** The provider instance id, e.g. `openai` or `my-vllm`. */
  provider: string;
  /** Credentials to blank out should an upstream echo them back. */
  secrets?: readonly string[];
}

/** Turns a non-2xx upstream answer into the catalogue error fallbacks and clients understand. */
export function upstreamHttpError(
  context: UpstreamContext,
  status: number,
  headers: UpstreamHeaders,
  bodyText: string,
): StrataError {
  const name = `Provider \`${context.provider}\``;
  const detail = redactSecrets(upstreamMessage(bodyText), context.secrets);
  const said = detail === '' ? '' : `: ${detail}`;
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new StrataError('upstream_invalid_request', `${name} rejected the request${said}`, { status });
    case 401:
    case 403:
      return new StrataError(
        'upstream_auth_failed',
        `${name} rejected Strata's credentials (${status}); check the API key configured for provider \`${context.provider}\`.`,
      );
    case 404:
      return new StrataError('upstream_not_found', `${name} found no such model or route${said}`);
    case 408:
      return new StrataError('upstream_timeout', `${name} timed out (408)${said}`);
    case 409:
      return new StrataError('upstream_conflict', `${name} reported a conflict${said}`);
    case 429:
      return new StrataError(
        'upstream_rate_limited',
        `${name} is rate limiting Strata${said}`,
        retryAfter(headers),
      );
    case 503:
      return new StrataError(
        'upstream_unavailable',
        `${name} is unavailable (503)${said}`,
        retryAfter(headers),
      );
    case 504:
      return new StrataError('upstream_timeout', `${name} timed out (504)${said}`);
  }
  if (status >= 500) return new StrataError('upstream_error', `${name} failed (${status})${said}`);
  // Other 4xx (402 billing, 405, 415, …) are this provider's own refusals; another provider may still serve them.
  return new StrataError('upstream_error', `${name} refused the request (${status})${said}`, {
    retryable: false,
  });
}

/** A 2xx answer whose body Strata cannot use. */
export function malformedResponseError(
  context: UpstreamContext,
  detail: string,
  cause?: unknown,
): StrataError {
  const message = `Provider \`${context.provider}\` sent a malformed response: ${detail}`;
  return new StrataError('upstream_malformed_response', message, cause === undefined ? {} : { cause });
}

/** An error the provider reported inside a 2xx answer or mid-stream. */
export function reportedUpstreamError(context: UpstreamContext, bodyText: string): StrataError {
  const detail = redactSecrets(upstreamMessage(bodyText), context.secrets) || 'unknown error';
  return new StrataError('upstream_error', `Provider \`${context.provider}\` failed: ${detail}`);
}

/** Retry-After as both a number for retry logic and a header the edge forwards to the client. */
function retryAfter(headers: UpstreamHeaders): { retryAfterMs?: number; headers?: Record<string, string> } {
  const retryAfterMs = parseRetryAfter(headers);
  if (retryAfterMs === undefined) return {};
  return { retryAfterMs, headers: { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } };
}
