/** A span attribute value, as OpenTelemetry allows it. */
export type AttributeValue = string | number | boolean | string[];

/** One finished span, as Strata stores and exports it. Times are epoch milliseconds (fractional). */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: 'server' | 'client' | 'internal';
  startedAt: number;
  endedAt: number;
  status: 'ok' | 'error' | 'unset';
  statusMessage?: string;
  attributes: Record<string, AttributeValue>;
  /** Events at a point in the span, e.g. `gen_ai.evaluation.result`; times in epoch milliseconds. */
  events?: Array<{ name: string; time: number; attributes: Record<string, AttributeValue> }>;
}
