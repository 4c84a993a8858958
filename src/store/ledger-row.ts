import type { Insertable, Selectable } from 'kysely';
import type { LedgerTable } from './schema.js';

/** Why an attempt was made; every attempt of a request, billable or not, gets its own ledger row. */
export type LedgerPurpose =
  | 'primary'
  | 'retry'
  | 'fallback'
  | 'hedge'
  | 'escalation'
  | 'verifier'
  | 'judge'
  | 'cache_hit';

/** One provider attempt as the ledger records it; each field maps to the snake_case column. */
export interface LedgerRow {
  requestId: string;
  /** 1 for the first attempt of a request; retries and fallbacks count up. */
  attempt: number;
  purpose: LedgerPurpose;
  /** ISO timestamp of when the attempt settled. */
  createdAt: string;
  keyId: string | null;
  team: string | null;
  /** The end user the application named (the request's `user`). */
  user: string | null;
  tags: string[];
  feature: string | null;
  provider: string | null;
  /** The upstream model that served the attempt. */
  model: string | null;
  requestedModel: string | null;
  status: number;
  /** Uncached prompt tokens; cached reads and cache writes are counted apart. */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Completion tokens, reasoning included. */
  outputTokens: number;
  usageEstimated: boolean;
  /** USD; null when the price is unknown, never a silent 0. */
  costUsd: number | null;
  /** USD a cache hit saved; null for attempts that reached a provider. */
  savedUsd: number | null;
  priceVersion: string | null;
  traceId: string | null;
}

/** Tags from a comma-separated list (request metadata `tags`): trimmed, deduplicated, none empty. */
export function parseTags(list: string | undefined): string[] {
  if (typeof list !== 'string') return [];
  return [...new Set(list.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');
}

/** The columns one row binds in an INSERT, in order. */
export const ledgerColumns = [
  'request_id',
  'attempt',
  'purpose',
  'created_at',
  'key_id',
  'team',
  'user',
  'tags',
  'feature',
  'provider',
  'model',
  'requested_model',
  'status',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'output_tokens',
  'usage_estimated',
  'cost_usd',
  'saved_usd',
  'price_version',
  'trace_id',
] as const satisfies ReadonlyArray<keyof Insertable<LedgerTable>>;

// A row the database rejects would block every later flush: PostgreSQL refuses NUL in text and
// fractions or out-of-range values in integer columns.
function text(value: string | null): string | null {
  return value === null ? value : value.replaceAll('\u0000', '');
}

function whole(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(Math.round(value), -2_147_483_648), 2_147_483_647) : 0;
}

function money(value: number | null): number | null {
  return value === null || Number.isFinite(value) ? value : null;
}

/** A row's values in `ledgerColumns` order, made storable on both dialects. */
export function toLedgerValues(row: LedgerRow): Array<string | number | null> {
  return [
    text(row.requestId),
    whole(row.attempt),
    row.purpose,
    text(row.createdAt),
    text(row.keyId),
    text(row.team),
    text(row.user),
    JSON.stringify(row.tags.map((tag) => tag.replaceAll('\u0000', ''))),
    text(row.feature),
    text(row.provider),
    text(row.model),
    text(row.requestedModel),
    whole(row.status),
    whole(row.inputTokens),
    whole(row.cachedInputTokens),
    whole(row.cacheWriteTokens),
    whole(row.reasoningTokens),
    whole(row.outputTokens),
    row.usageEstimated ? 1 : 0,
    money(row.costUsd),
    money(row.savedUsd),
    text(row.priceVersion),
    text(row.traceId),
  ];
}

/** Maps a row to its columns for an INSERT, made storable on both dialects. */
export function toLedgerColumns(row: LedgerRow): Insertable<LedgerTable> {
  const values = toLedgerValues(row);
  return Object.fromEntries(
    ledgerColumns.map((column, index) => [column, values[index]]),
  ) as Insertable<LedgerTable>;
}

function tagsOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** Maps a selected row back to the camelCase shape. */
export function fromLedgerColumns(columns: Selectable<LedgerTable>): LedgerRow {
  return {
    requestId: columns.request_id,
    attempt: columns.attempt,
    purpose: columns.purpose as LedgerPurpose,
    createdAt: columns.created_at,
    keyId: columns.key_id,
    team: columns.team,
    user: columns.user,
    tags: tagsOf(columns.tags),
    feature: columns.feature,
    provider: columns.provider,
    model: columns.model,
    requestedModel: columns.requested_model,
    status: columns.status,
    inputTokens: columns.input_tokens,
    cachedInputTokens: columns.cached_input_tokens,
    cacheWriteTokens: columns.cache_write_tokens,
    reasoningTokens: columns.reasoning_tokens,
    outputTokens: columns.output_tokens,
    usageEstimated: columns.usage_estimated !== 0,
    costUsd: columns.cost_usd,
    savedUsd: columns.saved_usd,
    priceVersion: columns.price_version,
    traceId: columns.trace_id,
  };
}
