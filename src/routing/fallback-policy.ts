import type { RouteOptions } from '../config/routes.js';
import { StrataError } from '../core/errors.js';

const contextPattern =
  /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|reduce the length/i;
const policyPattern =
  /content[ _-]?(policy|filter|management)|safety (system|policy)|responsible ?ai|flagged|policy violation/i;

/** True for an upstream refusal because the prompt is longer than the model's window. */
export function isContextOverflow(error: StrataError): boolean {
  return error.code === 'upstream_invalid_request' && contextPattern.test(error.message);
}

/** True for a content-policy refusal, from an upstream error or a `content_filter` finish. */
export function isContentPolicy(error: StrataError): boolean {
  return (
    (error.code === 'upstream_invalid_request' || error.code === 'upstream_error') &&
    policyPattern.test(error.message)
  );
}

/** The error an answer cut short by the provider's content filter becomes when the route falls back on it. */
export function contentFilterError(model: string): StrataError {
  return new StrataError(
    'upstream_error',
    `\`${model}\` stopped its answer with a content_filter finish (content policy).`,
    { retryable: false },
  );
}

/**
 * Whether a failed candidate hands over to the next one. Retryable errors, refusals particular to one
 * provider (credentials, unknown model, billing, a parameter it cannot take) and, as configured,
 * context-window and content-policy refusals do; a bad request or the caller leaving does not.
 */
export function fallsBack(error: StrataError, options: RouteOptions): boolean {
  if (error.code === 'client_closed_request') return false;
  if (error.retryable) return true;
  if (isContextOverflow(error)) return options.context_window_fallback;
  if (isContentPolicy(error)) return options.content_policy_fallback;
  return (
    error.code === 'upstream_auth_failed' ||
    error.code === 'upstream_not_found' ||
    error.code === 'unsupported_parameter' ||
    (error.code === 'upstream_error' && error.status !== 400)
  );
}

/** True when the breaker should count this failure against the provider's health. */
export function countsAgainstHealth(error: StrataError): boolean {
  return error.retryable && error.code !== 'client_closed_request';
}
