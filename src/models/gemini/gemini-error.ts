import type { StrataError } from '../../core/errors.js';
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
