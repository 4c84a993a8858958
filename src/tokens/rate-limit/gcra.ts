import { type WindowState, windowMs } from './limiter.js';

/**
 * The verdict of the generic cell rate algorithm (GCRA) on one window. A window stores one number, its
 * theoretical arrival time (TAT): when the bucket would be empty again if nothing more came. Each unit
 * pushes the TAT on by `windowMs / limit`; a request fits while the TAT stays within one window of now.
 * This allows a burst of the whole per-minute limit and then a steady refill, with no window edges.
 */
export interface GcraVerdict {
  allowed: boolean;
  /** The TAT to store when the request is admitted. */
  nextTat: number;
  retryAfterMs: number;
  state: WindowState;
}

/** Judges `cost` units against a window of `limit` per minute whose stored TAT is `tat` (0 when fresh). */
export function gcra(tat: number, now: number, limit: number, cost: number): GcraVerdict {
  const interval = windowMs / limit;
  // A single request larger than the whole limit can pass only into an empty window, never wait forever.
  const units = Math.min(cost, limit);
  const start = Math.max(tat, now);
  const nextTat = start + units * interval;
  const allowed = nextTat - now <= windowMs;
  const held = allowed ? nextTat : start;
  const remaining = Math.max(0, Math.floor((windowMs - (held - now)) / interval));
  return {
    allowed,
    nextTat,
    retryAfterMs: allowed ? 0 : nextTat - windowMs - now,
    state: { limit, remaining, resetMs: Math.ceil(held - now) },
  };
}
