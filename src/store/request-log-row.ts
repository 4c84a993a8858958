import type { Insertable, Selectable } from 'kysely';
import type { RequestLogTable } from './schema.js';

/** One request as the gateway records it; each field maps to the snake_case column of the same name. */
export interface RequestLogRow {
  requestId: string;
  /** ISO timestamp of when the request arrived. */
  createdAt: string;
  endpoint: string;
  keyId: string | null;
  requestedModel: string | null;
  servedModel: string | null;
  provider: string | null;
  status: number;
  errorCode: string | null;
  stream: boolean;
  latencyMs: number;
  /** Milliseconds to the first streamed token; null when nothing was streamed. */
  ttftMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  /** True when the provider reported no usage and the counts were estimated by a tokenizer. */
  usageEstimated: boolean;
  /** What the call cost in USD; null when its price is unknown. */
  costUsd: number | null;
  /** The price table the cost was computed with (`recorded` for replayed outcomes). */
  priceVersion: string | null;
  /** How a routed call was served, as JSON (plan, attempts, verdicts, escalations); null when not routed. */
  route?: string | null;
  /** `name@version` of the managed prompt the call used. */
  prompt?: string | null;
  /** Guardrail verdicts that acted (rule, side, outcome, entity names, never values), as JSON. */
  guardrails?: string | null;
  /** The conversation the call belongs to, when the caller named one. */
  sessionId?: string | null;
  /** The caller's id for the business event (`x-strata-correlation-id`), which outcomes may name. */
  correlationId?: string | null;
  /** The A/B experiment that assigned the call, and its variant. */
  experiment?: string | null;
  variant?: string | null;
}

/** The columns one row binds in an INSERT, in order. */
export const requestLogColumns = [
  'request_id',
  'created_at',
  'endpoint',
  'key_id',
  'requested_model',
  'served_model',
  'provider',
  'status',
  'error_code',
  'stream',
  'latency_ms',
  'ttft_ms',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'reasoning_tokens',
  'usage_estimated',
  'cost_usd',
  'price_version',
  'route',
  'prompt',
  'guardrails',
  'session_id',
  'correlation_id',
  'experiment',
  'variant',
] as const satisfies ReadonlyArray<keyof Insertable<RequestLogTable>>;

/** How many columns one row binds in an INSERT. */
export const requestLogColumnCount = requestLogColumns.length;

// A row that the database rejects would block every later flush, so values are made storable here:
// PostgreSQL refuses NUL characters in text and fractions in integer columns (latencies are fractional).
function text<T extends string | null>(value: T): T {
  return (value === null ? value : value.replaceAll('\u0000', '')) as T;
}

function whole<T extends number | null>(value: T): T {
  if (value === null) return value;
  return (
    Number.isFinite(value) ? Math.min(Math.max(Math.round(value), -2_147_483_648), 2_147_483_647) : 0
  ) as T;
}

/** A row's values in `requestLogColumns` order, made storable on both dialects. */
export function toRequestLogValues(row: RequestLogRow): Array<string | number | null> {
  return [
    text(row.requestId),
    text(row.createdAt),
    text(row.endpoint),
    text(row.keyId),
    text(row.requestedModel),
    text(row.servedModel),
    text(row.provider),
    whole(row.status),
    text(row.errorCode),
    row.stream ? 1 : 0,
    whole(row.latencyMs),
    whole(row.ttftMs),
    whole(row.inputTokens),
    whole(row.outputTokens),
    whole(row.cachedInputTokens),
    whole(row.reasoningTokens),
    row.usageEstimated ? 1 : 0,
    row.costUsd === null || Number.isFinite(row.costUsd) ? row.costUsd : null,
    text(row.priceVersion),
    text(row.route ?? null),
    text(row.prompt ?? null),
    text(row.guardrails ?? null),
    text(row.sessionId ?? null),
    text(row.correlationId ?? null),
    text(row.experiment ?? null),
    text(row.variant ?? null),
  ];
}

/** Maps a row to its columns for an INSERT, made storable on both dialects. */
export function toRequestLogColumns(row: RequestLogRow): Insertable<RequestLogTable> {
  const values = toRequestLogValues(row);
  return Object.fromEntries(
    requestLogColumns.map((column, index) => [column, values[index]]),
  ) as Insertable<RequestLogTable>;
}

/** Maps a selected row back to the camelCase shape. */
export function fromRequestLogColumns(columns: Selectable<RequestLogTable>): RequestLogRow {
  return {
    requestId: columns.request_id,
    createdAt: columns.created_at,
    endpoint: columns.endpoint,
    keyId: columns.key_id,
    requestedModel: columns.requested_model,
    servedModel: columns.served_model,
    provider: columns.provider,
    status: columns.status,
    errorCode: columns.error_code,
    stream: columns.stream !== 0,
    latencyMs: columns.latency_ms,
    ttftMs: columns.ttft_ms,
    inputTokens: columns.input_tokens,
    outputTokens: columns.output_tokens,
    cachedInputTokens: columns.cached_input_tokens,
    reasoningTokens: columns.reasoning_tokens,
    usageEstimated: columns.usage_estimated !== 0,
    costUsd: columns.cost_usd,
    priceVersion: columns.price_version,
    // Absent rather than null for calls that were not routed, as rows are written.
    ...(columns.route !== null && { route: columns.route }),
    ...(columns.prompt !== null && { prompt: columns.prompt }),
    ...(columns.guardrails !== null && { guardrails: columns.guardrails }),
    ...(columns.session_id !== null && { sessionId: columns.session_id }),
    ...(columns.correlation_id !== null && { correlationId: columns.correlation_id }),
    ...(columns.experiment !== null && { experiment: columns.experiment, variant: columns.variant }),
  };
}
