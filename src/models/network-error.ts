import { StrataError } from '../core/errors.js';
import type { UpstreamContext } from './upstream-error.js';

/** Why the call ended early, as seen by the code that made it. */
export interface FailureCircumstances {
  /** The caller's signal fired (the client went away). */
  callerAborted: boolean;
}

const timeoutCodes = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const configCodes = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE']);

/**
 * Turns a thrown network-level error (no HTTP status) into a catalogue error: the caller's abort, a time
 * limit, or a lost connection (resets, refusals, socket errors), which a fallback may retry elsewhere.
 */
export function upstreamNetworkError(
  context: UpstreamContext,
  error: unknown,
  circumstances: FailureCircumstances,
): StrataError {
  const provider = context.provider;
  if (circumstances.callerAborted) {
    const message = `The client closed the request before provider \`${provider}\` finished.`;
    return new StrataError('client_closed_request', message, { cause: error });
  }
  if (error instanceof StrataError) return error;
  const codes = errorCodes(error);
  const timeoutCode = codes.find((code) => timeoutCodes.has(code));
  if (timeoutCode !== undefined) {
    const message = `Provider \`${provider}\` timed out (${timeoutCode}).`;
    return new StrataError('upstream_timeout', message, { cause: error });
  }
  if (codes.some((code) => configCodes.has(code))) {
    const detail = error instanceof Error ? error.message : String(error);
    return new StrataError('config_invalid', `Provider \`${provider}\` is misconfigured: ${detail}`, {
      cause: error,
    });
  }
  const message = `Lost the connection to provider \`${provider}\` (${codes[0] ?? 'connection error'}).`;
  return new StrataError('upstream_connection_failed', message, { cause: error });
}

/** The `code` of the error and of each cause beneath it, outermost first. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if ('code' in current && typeof current.code === 'string') codes.push(current.code);
    current = 'cause' in current ? current.cause : undefined;
  }
  return codes;
}
