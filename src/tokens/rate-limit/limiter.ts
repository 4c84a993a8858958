/** What one caller asks of one bucket: a request, a token reservation and a concurrency slot. */
export interface AcquireRequest {
  /** Names the bucket, e.g. `key:key_abc`; buckets with the same name share their counts. */
  bucket: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  concurrent?: number;
  /** Tokens to reserve against `tokensPerMinute`, usually an estimate corrected on release. */
  tokens: number;
}

/** The state of one window after a decision, in the units of its limit. */
export interface WindowState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window is back to its full allowance. */
  resetMs: number;
}

/** Which of a bucket's limits a decision is about. */
export type LimitKind = 'requests' | 'tokens' | 'concurrent';

/** The windows a bucket has, as they stand after the decision. */
export interface WindowStates {
  requests?: WindowState;
  tokens?: WindowState;
  concurrent?: WindowState;
}

/** An admitted call: release its slot and correct its token reservation once it ends. */
export interface Grant {
  ok: true;
  windows: WindowStates;
  /** Frees the concurrency slot; `actualTokens`, when known, replaces the reserved estimate. */
  release(actualTokens?: number): Promise<void>;
}

/** A refused call: which limit refused it and when trying again can succeed. */
export interface Refusal {
  ok: false;
  kind: LimitKind;
  retryAfterMs: number;
  limit: number;
  remaining: number;
  resetMs: number;
  windows: WindowStates;
}

/** Admits or refuses calls against per-bucket limits; one instance serves every bucket. */
export interface RateLimiter {
  acquire(request: AcquireRequest): Promise<Grant | Refusal>;
  /** Releases held connections; the limiter is unusable afterwards. */
  close(): Promise<void>;
}

/** The length of every rate window: limits are per minute. */
export const windowMs = 60_000;

/** Builds the refusal for the limit of `kind`, reporting that window as the headline numbers. */
export function refusalOf(kind: LimitKind, retryAfterMs: number, windows: WindowStates): Refusal {
  const state = windows[kind] ?? { limit: 0, remaining: 0, resetMs: retryAfterMs };
  return { ok: false, kind, retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)), ...state, windows };
}
