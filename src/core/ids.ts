import { randomBytes } from 'node:crypto';

// 40 random bits chosen once per process, then a counter: ids from different replicas never collide
// (short of a 1-in-a-trillion draw) and making one costs no entropy on the hot path.
const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(4).readUInt32BE(0);

/**
 * Makes a prefixed id such as `req_0193…`: 48 bits of milliseconds, 40 bits naming the process and a
 * 40-bit counter, as 32 hex digits. Ids sort by creation time, so index inserts append.
 */
export function newId(prefix: string): string {
  counter = (counter + 1) % 0x10000000000;
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${processPart}${counter.toString(16).padStart(10, '0')}`;
}

/** The prefix of a gateway call's request id (`req_` and 32 hex digits). */
export const requestIdPrefix = 'req';

/** A new request id for one gateway call. */
export const newRequestId = (): string => newId(requestIdPrefix);

/** The lowest id `newId(prefix)` makes at `epochMs` or later: every id made earlier sorts below it. */
export function firstIdAt(prefix: string, epochMs: number): string {
  return `${prefix}_${Math.max(0, Math.floor(epochMs)).toString(16).padStart(12, '0')}`;
}
