import { randomUUID } from 'node:crypto';

/**
 * Makes a prefixed random id such as `req_5f2c…` (128 bits). `randomUUID` draws from a cached entropy
 * pool, so an id costs no system call on the hot path.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
