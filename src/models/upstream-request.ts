import { type Dispatcher, request } from 'undici';
import { StrataError } from '../core/errors.js';
import { upstreamNetworkError } from './network-error.js';
import { type UpstreamContext, type UpstreamHeaders, upstreamHttpError } from './upstream-error.js';

/** One HTTP call to a provider. */
export interface UpstreamCall {
  context: UpstreamContext;
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Defaults to undici's global dispatcher. */
  dispatcher?: Dispatcher | undefined;
  /** The caller's signal: when it fires the call ends with `client_closed_request`. */
  signal?: AbortSignal | undefined;
  /** Strata's own time limit; runs until `finishTimer()` or the end of the body. */
  timeoutMs?: number | undefined;
}

/** A 2xx upstream response whose body is still to be read. */
export interface UpstreamResponse {
  status: number;
  headers: UpstreamHeaders;
  /** The raw body bytes. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as text. */
  text(): Promise<string>;
  /** Stops the time limit, e.g. once a stream has started. */
  finishTimer(): void;
  /** Maps an error thrown while reading the body to a catalogue error. */
  toError(error: unknown): StrataError;
  /** Destroys the body (closing the upstream connection if unread) and releases listeners. */
  close(): void;
}

/**
 * Sends a request and resolves once a 2xx status arrived; any other status, a network failure, the
 * caller's abort or the time limit rejects with the matching catalogue error.
 */
export async function openUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  const controller = new AbortController();
  const callerSignal = call.signal;
  let timedOutAfterMs: number | undefined;
  const toError = (error: unknown): StrataError =>
    upstreamNetworkError(call.context, error, {
      callerAborted: callerSignal?.aborted === true,
      ...(timedOutAfterMs === undefined ? {} : { timedOutAfterMs }),
    });
  if (callerSignal?.aborted) throw toError(callerSignal.reason);

  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timeoutMs = call.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  if (timeoutMs !== undefined && timeoutMs > 0) {
    timer = setTimeout(() => {
      timedOutAfterMs = timeoutMs;
      controller.abort(new StrataError('upstream_timeout', `No answer within ${timeoutMs} ms.`));
    }, timeoutMs);
  }
  const finishTimer = (): void => clearTimeout(timer);
  const release = (): void => {
    finishTimer();
    callerSignal?.removeEventListener('abort', onCallerAbort);
  };

  let response: Dispatcher.ResponseData;
  try {
    response = await request(call.url, {
      method: call.method ?? 'POST',
      headers: call.headers,
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(call.dispatcher === undefined ? {} : { dispatcher: call.dispatcher }),
      signal: controller.signal,
    });
  } catch (error) {
    release();
    throw toError(error);
  }

  const body = response.body;
  const close = (): void => {
    release();
    if (!body.destroyed) body.destroy();
  };
  const text = async (): Promise<string> => {
    try {
      return await body.text();
    } catch (error) {
      throw toError(error);
    } finally {
      release();
    }
  };

  if (response.statusCode < 200 || response.statusCode >= 300) {
    const bodyText = await text().catch(() => '');
    close();
    throw upstreamHttpError(call.context, response.statusCode, response.headers, bodyText);
  }
  return { status: response.statusCode, headers: response.headers, body, text, finishTimer, toError, close };
}
