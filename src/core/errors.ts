/** The error catalogue: every error Strata returns has a stable code, a status and an OpenAI error type. */
export const errorCatalogue = {
  invalid_json: { status: 400, type: 'invalid_request_error', retryable: false },
  invalid_request: { status: 400, type: 'invalid_request_error', retryable: false },
  unsupported_parameter: { status: 400, type: 'invalid_request_error', retryable: false },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', retryable: false },
  missing_api_key: { status: 401, type: 'authentication_error', retryable: false },
  invalid_api_key: { status: 401, type: 'authentication_error', retryable: false },
  permission_denied: { status: 403, type: 'permission_error', retryable: false },
  not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  conflict: { status: 409, type: 'invalid_request_error', retryable: false },
  model_not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  method_not_allowed: { status: 405, type: 'invalid_request_error', retryable: false },
  request_too_large: { status: 413, type: 'invalid_request_error', retryable: false },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', retryable: false },
  rate_limited: { status: 429, type: 'rate_limit_error', retryable: true },
  budget_exceeded: { status: 429, type: 'insufficient_quota', retryable: false },
  guardrail_blocked: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_invalid_request: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  upstream_conflict: { status: 409, type: 'api_error', retryable: true },
  upstream_rate_limited: { status: 429, type: 'rate_limit_error', retryable: true },
  upstream_auth_failed: { status: 502, type: 'api_error', retryable: false },
  upstream_error: { status: 502, type: 'api_error', retryable: true },
  upstream_malformed_response: { status: 502, type: 'api_error', retryable: true },
  upstream_unavailable: { status: 503, type: 'api_error', retryable: true },
  upstream_timeout: { status: 504, type: 'api_error', retryable: true },
  upstream_connection_failed: { status: 502, type: 'api_error', retryable: true },
  client_closed_request: { status: 499, type: 'invalid_request_error', retryable: false },
  shutting_down: { status: 503, type: 'api_error', retryable: true },
  config_invalid: { status: 500, type: 'api_error', retryable: false },
  internal_error: { status: 500, type: 'api_error', retryable: false },
} as const satisfies Record<string, { status: number; type: string; retryable: boolean }>;

/** A stable, snake_case error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Options that refine a catalogue error. */
export interface StrataErrorOptions {
  param?: string | null;
  cause?: unknown;
  /** Overrides the catalogue's status, e.g. to pass an upstream 4xx through. */
  status?: number;
  /** Overrides the catalogue's retryable flag. */
  retryable?: boolean;
  /** Milliseconds the caller should wait before retrying (from an upstream Retry-After). */
  retryAfterMs?: number;
  /** Response headers to send with the error. */
  headers?: Record<string, string>;
}

/** The one error class Strata throws for expected failures; the edge turns it into OpenAI's error shape. */
export class StrataError extends Error {
  override readonly name = 'StrataError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: StrataErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = errorCatalogue[code];
    this.code = code;
    this.status = options.status ?? spec.status;
    this.type = spec.type;
    this.param = options.param ?? null;
    this.retryable = options.retryable ?? spec.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.headers = options.headers ?? {};
  }
}

/** The one error body shape every response uses. */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

/** Turns any thrown value into a StrataError, hiding internals of unexpected ones. */
export function toStrataError(error: unknown): StrataError {
  if (error instanceof StrataError) return error;
  return new StrataError('internal_error', 'Internal error; see the server log for details.', {
    cause: error,
  });
}

/** Renders an error as the OpenAI error body. */
export function errorBody(error: StrataError): ErrorBody {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}
