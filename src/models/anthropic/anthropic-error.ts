import { StrataError } from '../../core/errors.js';
import { isJsonObject } from '../openai-shapes.js';
import type { UpstreamContext } from '../upstream-error.js';
import { redactSecrets, upstreamMessage } from '../upstream-message.js';

/**
 * Anthropic answers 529 when its API is overloaded; the shared mapping reads that as a generic 5xx
 * (its message names the status), so it becomes the retryable "unavailable" it really is.
 */
export function refineHttpError(error: unknown): unknown {
  if (
    !(error instanceof StrataError) ||
    error.code !== 'upstream_error' ||
    !error.message.includes('(529)')
  ) {
    return error;
  }
  const message = error.message.replace('failed (529)', 'is overloaded (529)');
  return new StrataError('upstream_unavailable', message, { cause: error });
}

/** Turns an `error` event sent mid-stream (`{type:'error', error:{type, message}}`) into a catalogue error. */
export function streamEventError(context: UpstreamContext, data: string, parsed: unknown): StrataError {
  const detail = redactSecrets(upstreamMessage(data), context.secrets) || 'unknown error';
  const name = `Provider \`${context.provider}\``;
  const errorType = isJsonObject(parsed) && isJsonObject(parsed.error) ? parsed.error.type : undefined;
  if (errorType === 'overloaded_error') {
    return new StrataError('upstream_unavailable', `${name} is overloaded: ${detail}`);
  }
  if (errorType === 'rate_limit_error') {
    return new StrataError('upstream_rate_limited', `${name} is rate limiting Strata: ${detail}`);
  }
  return new StrataError('upstream_error', `${name} failed: ${detail}`);
}
