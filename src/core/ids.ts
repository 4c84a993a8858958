import { randomBytes } from 'node:crypto';

/** Makes a prefixed random id such as `req_5f2c…`, unique enough to key log rows. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
