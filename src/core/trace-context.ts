import { requestIdPrefix } from './ids.js';

/** Where a call sits in a distributed trace, after W3C Trace Context (`traceparent`). */
export interface TraceContext {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** The caller's span that the call's root span is a child of; undefined when the call starts the trace. */
  parentSpanId: string | undefined;
  /** The caller's sampled flag; a call that starts its own trace is sampled. */
  sampled: boolean;
}

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const zeroTrace = '0'.repeat(32);
const zeroSpan = '0'.repeat(16);

/**
 * The trace context of an incoming `traceparent` header, or undefined when it is absent or invalid (the
 * spec says to start a new trace then). Version `ff` and all-zero ids are invalid.
 */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  if (header === undefined) return undefined;
  const match = traceparentPattern.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (version === 'ff' || traceId === zeroTrace || spanId === zeroSpan) return undefined;
  // Version 00 has exactly four fields; later versions may append more.
  if (version === '00' && header.trim().length !== 55) return undefined;
  return { traceId, parentSpanId: spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** The `traceparent` header value naming one span of a trace. */
export function formatTraceparent(traceId: string, spanId: string, sampled = true): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

/**
 * The trace a call with this request id belongs to: the caller's, or a new one whose id is the request
 * id's own 32 hex digits (unique per request, time-ordered, and free to make).
 */
export function traceOf(requestId: string, incoming: TraceContext | undefined): TraceContext {
  if (incoming) return incoming;
  return { traceId: ownTraceId(requestId), parentSpanId: undefined, sampled: true };
}

/** The id of the trace a call with this request id starts when no caller's trace is continued. */
export function ownTraceId(requestId: string): string {
  return hexOf(requestId).padStart(32, '0').slice(-32);
}

/** The request id of the gateway call that started trace `traceId`, if one did (`ownTraceId`'s inverse). */
export function starterOfTrace(traceId: string): string {
  return `${requestIdPrefix}_${traceId}`;
}

/**
 * The id of a call's span number `index` (0 is the call's root): the request id's last 14 hex digits
 * (process and counter) and the index, so ids never repeat within a trace and cost no entropy.
 */
export function spanIdOf(requestId: string, index: number): string {
  const base = hexOf(requestId).padStart(14, '0').slice(-14);
  return `${base}${(index & 0xff).toString(16).padStart(2, '0')}`;
}

function hexOf(id: string): string {
  const underscore = id.lastIndexOf('_');
  const tail = underscore === -1 ? id : id.slice(underscore + 1);
  return /^[0-9a-f]+$/.test(tail) ? tail : Buffer.from(tail).toString('hex');
}
