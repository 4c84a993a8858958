import { createHash } from 'node:crypto';
import type { ChatRequest } from '../../core/types.js';

// Fields that say who asked or how to deliver, not what was asked: two calls differing only in these
// get the same answer.
const ignored = new Set(['user', 'metadata', 'stream', 'stream_options']);

/** JSON with object keys sorted, so the same request hashes the same however a client orders its fields. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of a chat request: SHA-256 over everything that shapes its answer. */
export function cacheKeyOf(request: ChatRequest): string {
  const shaping = Object.fromEntries(Object.entries(request).filter(([field]) => !ignored.has(field)));
  return createHash('sha256').update(canonical(shaping)).digest('hex');
}
