import { StrataError } from '../core/errors.js';

/** Response headers as undici reports them. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

/** Who failed, and which strings must never appear in an error message. */
export interface UpstreamContext {
  /** The provider instance id, e.g. `openai` or `my-vllm`. */
  provider: string;
  /** Credentials to blank out should an upstream echo them back. */
  secrets?: readonly string[];
}

const maxMessageLength = 500;

/** Turns a non-2xx upstream answer into the catalogue error fallbacks and clients understand. */
export function upstreamHttpError(
  context: UpstreamContext,
  status: number,
  headers: UpstreamHeaders,
  bodyText: string,
): StrataError {
  const provider = context.provider;
  const detail = redact(upstreamMessage(bodyText), context.secrets);
  const said = detail === '' ? '' : `: ${detail}`;
  if (status === 400 || status === 422 || status === 413) {
    return new StrataError(
      'upstream_invalid_request',
      `Provider \`${provider}\` rejected the request${said}`,
      {
        status,
      },
    );
  }
  if (status === 401 || status === 403) {
    return new StrataError(
      'upstream_auth_failed',
      `Provider \`${provider}\` rejected Strata's credentials (${status}); check the API key configured for provider \`${provider}\`.`,
    );
  }
  if (status === 404) {
    return new StrataError(
      'upstream_not_found',
      `Provider \`${provider}\` found no such model or route${said}`,
    );
  }
  if (status === 408)
    return new StrataError('upstream_timeout', `Provider \`${provider}\` timed out (408)${said}`);
  if (status === 409)
    return new StrataError('upstream_conflict', `Provider \`${provider}\` reported a conflict${said}`);
  if (status === 429) {
    return new StrataError(
      'upstream_rate_limited',
      `Provider \`${provider}\` is rate limiting Strata${said}`,
      {
        ...retryAfterOptions(headers),
      },
    );
  }
  if (status === 503) {
    return new StrataError('upstream_unavailable', `Provider \`${provider}\` is unavailable (503)${said}`, {
      ...retryAfterOptions(headers),
    });
  }
  if (status === 504)
    return new StrataError('upstream_timeout', `Provider \`${provider}\` timed out (504)${said}`);
  if (status >= 500)
    return new StrataError('upstream_error', `Provider \`${provider}\` failed (${status})${said}`);
  // Other 4xx (402 billing, 405, 415, …) are the provider's own refusals; another provider may still serve them.
  return new StrataError(
    'upstream_error',
    `Provider \`${provider}\` refused the request (${status})${said}`,
    {
      retryable: false,
    },
  );
}

/** A 2xx answer whose body Strata cannot use. */
export function malformedResponseError(
  context: UpstreamContext,
  detail: string,
  cause?: unknown,
): StrataError {
  return new StrataError(
    'upstream_malformed_response',
    `Provider \`${context.provider}\` sent a malformed response: ${detail}`,
    cause === undefined ? {} : { cause },
  );
}

/** Why the call ended early, as seen by the code that made it. */
export interface FailureCircumstances {
  /** The caller's signal fired (the client went away). */
  callerAborted: boolean;
  /** Strata's own time limit fired, after this many milliseconds. */
  timedOutAfterMs?: number;
}

const timeoutCodes = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const configCodes = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE']);

/** Turns a thrown network-level error (no HTTP status) into a catalogue error. */
export function upstreamNetworkError(
  context: UpstreamContext,
  error: unknown,
  circumstances: FailureCircumstances,
): StrataError {
  const provider = context.provider;
  if (circumstances.callerAborted) {
    return new StrataError(
      'client_closed_request',
      `The client closed the request before provider \`${provider}\` finished.`,
      {
        cause: error,
      },
    );
  }
  if (circumstances.timedOutAfterMs !== undefined) {
    return new StrataError(
      'upstream_timeout',
      `Provider \`${provider}\` did not answer within ${circumstances.timedOutAfterMs} ms.`,
      { cause: error },
    );
  }
  if (error instanceof StrataError) return error;
  const codes = errorCodes(error);
  const timeoutCode = codes.find((code) => timeoutCodes.has(code));
  if (timeoutCode !== undefined) {
    return new StrataError('upstream_timeout', `Provider \`${provider}\` timed out (${timeoutCode}).`, {
      cause: error,
    });
  }
  if (codes.some((code) => configCodes.has(code))) {
    return new StrataError(
      'config_invalid',
      `Provider \`${provider}\` is misconfigured: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  const code = codes[0] ?? 'connection error';
  return new StrataError(
    'upstream_connection_failed',
    `Lost the connection to provider \`${provider}\` (${code}).`,
    {
      cause: error,
    },
  );
}

/** Milliseconds to wait before retrying, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: UpstreamHeaders, now: number = Date.now()): number | undefined {
  const milliseconds = Number(firstHeader(headers['retry-after-ms']));
  if (
    firstHeader(headers['retry-after-ms']) !== undefined &&
    Number.isFinite(milliseconds) &&
    milliseconds >= 0
  ) {
    return Math.round(milliseconds);
  }
  const value = firstHeader(headers['retry-after'])?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function retryAfterOptions(headers: UpstreamHeaders): {
  retryAfterMs?: number;
  headers?: Record<string, string>;
} {
  const retryAfterMs = parseRetryAfter(headers);
  if (retryAfterMs === undefined) return {};
  return { retryAfterMs, headers: { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } };
}

/** Pulls the human message out of an OpenAI-style, FastAPI-style or plain-text error body. */
export function upstreamMessage(bodyText: string): string {
  const text = bodyText.trim();
  if (text === '') return '';
  let message: unknown = text;
  try {
    const parsed: unknown = JSON.parse(text);
    message = pickMessage(parsed) ?? text;
  } catch {
    // Not JSON: the plain text is the message.
  }
  const flat = (typeof message === 'string' ? message : JSON.stringify(message)).replace(/\s+/g, ' ').trim();
  return flat.length > maxMessageLength ? `${flat.slice(0, maxMessageLength)}…` : flat;
}

function pickMessage(body: unknown): unknown {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (typeof error === 'string') return error;
  if (isRecord(error) && error.message !== undefined) return error.message;
  if (body.message !== undefined) return body.message;
  if (body.detail !== undefined) return body.detail;
  return undefined;
}

function redact(text: string, secrets: readonly string[] = []): string {
  return secrets.reduce(
    (result, secret) => (secret === '' ? result : result.replaceAll(secret, '[redacted]')),
    text,
  );
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth += 1) {
    if (typeof current.code === 'string') codes.push(current.code);
    current = current.cause;
  }
  return codes;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
