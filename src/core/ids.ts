import { randomUUID } from 'node:crypto';

/**
 * Makes a prefixed id such as `req_0193…`: 48 bits of milliseconds then 80 random bits, as 32 hex
 * digits. Ids sort by creation time, so index inserts append instead of touching random pages, and
 * `randomUUID` draws from a cached entropy pool, so an id costs no system call.
 */
export function newId(prefix: string): string {
  const random = randomUUID().replaceAll('-', '').slice(0, 20);
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${random}`;
}
