import { type Dispatcher, getGlobalDispatcher } from 'undici';
import type { StrataError } from '../core/errors.js';
import { upstreamNetworkError } from './network-error.js';
import { type UpstreamContext, type UpstreamHeaders, upstreamHttpError } from './upstream-error.js';

/** One HTTP call to a provider. */
export interface UpstreamCall {
  context: UpstreamContext;
  /** Scheme, host and port, e.g. `https://api.openai.com`. */
  origin: string;
  /** Path and query under the origin, e.g. `/v1/chat/completions`. */
  path: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Defaults to undici's global dispatcher. */
  dispatcher?: Dispatcher | undefined;
  /** The caller's signal: when it fires the call ends with `client_closed_request`. */
  signal?: AbortSignal | undefined;
  /** Longest wait for the response headers, and for each chunk of the body after them (0: none). */
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
  /** Maps an error thrown while reading the body to a catalogue error. */
  toError(error: unknown): StrataError;
  /** Destroys the body, closing the upstream connection if it is unread. */
  close(): void;
  /** Reads what is left of a finished body, so the connection goes back to the pool for the next call. */
  release(): void;
}

/**
 * Sends a request and resolves once a 2xx status arrived; any other status, a network failure, the
 * caller's abort or the time limit rejects with the matching catalogue error.
 */
export async function openUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  const callerSignal = call.signal;
  const toError = (error: unknown): StrataError =>
    upstreamNetworkError(call.context, error, { callerAborted: callerSignal?.aborted === true });
  if (callerSignal?.aborted) throw toError(callerSignal.reason);
  // undici's own timers bound the wait for headers and each silence in the body; they cost far less per
  // call than a timer and a second AbortController of our own.
  const timeoutMs = call.timeoutMs !== undefined && call.timeoutMs > 0 ? call.timeoutMs : 0;

  let response: Dispatcher.ResponseData;
  try {
    // dispatcher.request with origin and path skips the URL parsing of undici's top-level request(url).
    response = await (call.dispatcher ?? getGlobalDispatcher()).request({
      origin: call.origin,
      path: call.path,
      method: call.method ?? 'POST',
      headers: call.headers,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(callerSignal === undefined ? {} : { signal: callerSignal }),
    });
  } catch (error) {
    throw toError(error);
  }

  const body = response.body;
  const close = (): void => {
    if (!body.destroyed) body.destroy();
  };
  const text = async (): Promise<string> => {
    try {
      return await body.text();
    } catch (error) {
      throw toError(error);
    }
  };

  if (response.statusCode < 200 || response.statusCode >= 300) {
    const bodyText = await text().catch(() => '');
    close();
    throw upstreamHttpError(call.context, response.statusCode, response.headers, bodyText);
  }
  const release = (): void => {
    // A body that keeps going past its end is cut off after 64 KiB rather than read forever.
    body.dump({ limit: 64 * 1024 }).catch(() => {});
  };
  return { status: response.statusCode, headers: response.headers, body, text, toError, close, release };
}

/**
 * Wraps a generator that reads an upstream body so that giving up on it closes the upstream, even
 * before the first read: a generator that never started skips its own `finally`.
 */
export function closingOnReturn<T>(
  upstream: UpstreamResponse,
  items: AsyncGenerator<T, void, undefined>,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () => items.next(),
    return: async () => {
      upstream.close();
      return items.return(undefined);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
