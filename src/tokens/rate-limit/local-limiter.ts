import { gcra } from './gcra.js';
import {
  type AcquireRequest,
  type Grant,
  type RateLimiter,
  type Refusal,
  refusalOf,
  type WindowStates,
  windowMs,
} from './limiter.js';

/** Options of the in-process limiter; `now` is injectable so tests can move time. */
export interface LocalLimiterOptions {
  now?: () => number;
}

// Past this many stored windows, an acquire sweeps out the ones that have refilled completely.
const sweepThreshold = 10_000;

/** A rate limiter held in this process's memory (GCRA windows and concurrency counters), for one replica. */
export function createLocalLimiter(options: LocalLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const tats = new Map<string, number>();
  const inFlight = new Map<string, number>();

  function sweep(at: number): void {
    if (tats.size < sweepThreshold) return;
    for (const [key, tat] of tats) if (tat <= at) tats.delete(key);
  }

  return {
    async acquire(request: AcquireRequest): Promise<Grant | Refusal> {
      const at = now();
      sweep(at);
      const requestsKey = `${request.bucket}:requests`;
      const tokensKey = `${request.bucket}:tokens`;
      const windows: WindowStates = {};
      const requests =
        request.requestsPerMinute === undefined
          ? undefined
          : gcra(tats.get(requestsKey) ?? 0, at, request.requestsPerMinute, 1);
      const tokens =
        request.tokensPerMinute === undefined
          ? undefined
          : gcra(tats.get(tokensKey) ?? 0, at, request.tokensPerMinute, request.tokens);
      if (requests) windows.requests = requests.state;
      if (tokens) windows.tokens = tokens.state;
      const running = inFlight.get(request.bucket) ?? 0;
      if (request.concurrent !== undefined) {
        const free = request.concurrent - running;
        windows.concurrent = { limit: request.concurrent, remaining: Math.max(0, free - 1), resetMs: 0 };
        if (free <= 0) {
          windows.concurrent.remaining = 0;
          return refusalOf('concurrent', 1000, windows);
        }
      }
      if (requests && !requests.allowed) return refusalOf('requests', requests.retryAfterMs, windows);
      if (tokens && !tokens.allowed) return refusalOf('tokens', tokens.retryAfterMs, windows);

      if (requests) tats.set(requestsKey, requests.nextTat);
      if (tokens) tats.set(tokensKey, tokens.nextTat);
      if (request.concurrent !== undefined) inFlight.set(request.bucket, running + 1);
      let released = false;
      return {
        ok: true,
        windows,
        async release(actualTokens) {
          if (released) return;
          released = true;
          if (request.concurrent !== undefined) {
            const left = (inFlight.get(request.bucket) ?? 1) - 1;
            if (left > 0) inFlight.set(request.bucket, left);
            else inFlight.delete(request.bucket);
          }
          const limit = request.tokensPerMinute;
          if (limit === undefined || actualTokens === undefined) return;
          const tat = tats.get(tokensKey);
          if (tat === undefined) return;
          const reserved = Math.min(request.tokens, limit);
          const corrected = tat + ((actualTokens - reserved) * windowMs) / limit;
          tats.set(tokensKey, Math.max(corrected, now()));
        },
      };
    },
    async close() {
      tats.clear();
      inFlight.clear();
    },
  };
}
