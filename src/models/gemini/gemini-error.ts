import { StrataError } from '../../core/errors.js';
import { isJsonObject } from '../openai-shapes.js';
import { reportedUpstreamError, type UpstreamContext, upstreamHttpError } from '../upstream-error.js';

/**
 * Turns an error Gemini reported inside a 2xx answer or mid-stream (`{error: {code, message, status}}`)
 * into the catalogue error its HTTP code maps to, so a mid-stream 429 is still `upstream_rate_limited`.
 */
export function reportedGeminiError(context: UpstreamContext, bodyText: string, error: unknown): StrataError {
  const code = isJsonObject(error) ? error.code : undefined;
  if (typeof code === 'number' && code >= 400 && code <= 599) {
    return upstreamHttpError(context, code, {}, bodyText);
  }
  return reportedUpstreamError(context, bodyText);
}

/**
 * Google answers a bad API key with 400 INVALID_ARGUMENT ("API key not valid…"); that is Strata's
 * credential problem, not the client's request, so it becomes `upstream_auth_failed` like a 401.
 */
export function refineGeminiError(context: UpstreamContext, error: unknown): unknown {
  if (!(error instanceof StrataError) || error.code !== 'upstream_invalid_request') return error;
  if (!/API key not valid|API_KEY_INVALID/.test(error.message)) return error;
  return upstreamHttpError(context, 401, {}, '');
}
