import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { fromRequestLogColumns, type RequestLogRow } from './request-log-row.js';
import type { Schema } from './schema.js';

/** What the request list and the time series can be narrowed by; every field is optional. */
export interface RequestFilter {
  /** Inclusive ISO start and exclusive ISO end of `created_at`. */
  from?: string | undefined;
  to?: string | undefined;
  keyId?: string | undefined;
  team?: string | undefined;
  user?: string | undefined;
  tag?: string | undefined;
  /** The requested model (or route name). */
  model?: string | undefined;
  provider?: string | undefined;
  /** A route name: routed calls that named it. */
  route?: string | undefined;
  /** An exact status, or `ok` (< 400) / `error` (>= 400). */
  status?: number | 'ok' | 'error' | undefined;
  minCostUsd?: number | undefined;
  maxCostUsd?: number | undefined;
  minLatencyMs?: number | undefined;
  maxLatencyMs?: number | undefined;
  session?: string | undefined;
  /** Text the route trace contains (a model, a verdict reason, a decision). */
  text?: string | undefined;
  /** Calls a guardrail rule acted on: the rule's name, or `any` for every rule. */
  guardrail?: string | undefined;
}

/** Dimensions a time series can be grouped by: request-log columns. */
export const seriesDimensions = ['model', 'served_model', 'provider', 'key', 'status', 'endpoint'] as const;
/** One of `seriesDimensions`. */
export type SeriesDimension = (typeof seriesDimensions)[number];
/** Time-series bucket sizes. */
export const bucketSizes = ['minute', 'hour', 'day'] as const;

/** One bucket of one group in a time series. */
export interface SeriesPoint {
  bucket: string;
  group: string | null;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Calls answered from the response cache. */
  cacheHits: number;
  /** USD those hits saved: what the calls that produced their answers cost. */
  savedUsd: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

const dimensionColumns = {
  model: 'requested_model',
  served_model: 'served_model',
  provider: 'provider',
  key: 'key_id',
  status: 'status',
  endpoint: 'endpoint',
} as const satisfies Record<SeriesDimension, string>;

// ISO timestamps sort as text, so a bucket is a prefix: `2026-12-07T10:15` is a minute.
const prefixLength = { minute: 16, hour: 13, day: 10 } as const;

// LIKE patterns treat % and _ as wildcards; the user's text is matched literally.
const literal = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

type RequestQuery<O> = SelectQueryBuilder<Schema, 'request_log', O>;

function narrow<O>(query: RequestQuery<O>, filter: RequestFilter): RequestQuery<O> {
  let narrowed = query;
  if (filter.from !== undefined) narrowed = narrowed.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) narrowed = narrowed.where('created_at', '<', filter.to);
  if (filter.keyId !== undefined) narrowed = narrowed.where('key_id', '=', filter.keyId);
  if (filter.model !== undefined) narrowed = narrowed.where('requested_model', '=', filter.model);
  if (filter.provider !== undefined) narrowed = narrowed.where('provider', '=', filter.provider);
  if (filter.route !== undefined)
    narrowed = narrowed.where('requested_model', '=', filter.route).where('route', 'is not', null);
  if (filter.status === 'ok') narrowed = narrowed.where('status', '<', 400);
  else if (filter.status === 'error') narrowed = narrowed.where('status', '>=', 400);
  else if (filter.status !== undefined) narrowed = narrowed.where('status', '=', filter.status);
  if (filter.minCostUsd !== undefined) narrowed = narrowed.where('cost_usd', '>=', filter.minCostUsd);
  if (filter.maxCostUsd !== undefined) narrowed = narrowed.where('cost_usd', '<=', filter.maxCostUsd);
  if (filter.minLatencyMs !== undefined) narrowed = narrowed.where('latency_ms', '>=', filter.minLatencyMs);
  if (filter.maxLatencyMs !== undefined) narrowed = narrowed.where('latency_ms', '<=', filter.maxLatencyMs);
  if (filter.text !== undefined)
    narrowed = narrowed.where(sql<boolean>`route like ${literal(filter.text)} escape '\\'`);
  if (filter.guardrail === 'any') narrowed = narrowed.where('guardrails', 'is not', null);
  else if (filter.guardrail !== undefined) {
    const rule = literal(JSON.stringify({ rule: filter.guardrail }).slice(1, -1));
    narrowed = narrowed.where(sql<boolean>`guardrails like ${rule} escape '\\'`);
  }
  // Team, end user and tags are the ledger's dimensions; the session is the trace's.
  const { team, user, tag, session } = filter;
  if (team !== undefined || user !== undefined || tag !== undefined)
    narrowed = narrowed.where('request_id', 'in', (eb) => {
      let ledger = eb.selectFrom('ledger').select('ledger.request_id');
      if (team !== undefined) ledger = ledger.where('ledger.team', '=', team);
      if (user !== undefined) ledger = ledger.where('ledger.user', '=', user);
      if (tag !== undefined) ledger = ledger.where('ledger.tags', 'like', literal(JSON.stringify(tag)));
      return ledger;
    });
  if (session !== undefined)
    narrowed = narrowed.where('request_id', 'in', (eb) =>
      eb.selectFrom('traces').select('traces.request_id').where('traces.session_id', '=', session),
    );
  return narrowed;
}

/** A page cursor: the last row's time and id, opaque to clients. */
function encodeCursor(row: { created_at: string; id: number | string }): string {
  return Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: number } | undefined {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const number = Number(id);
  return createdAt && Number.isSafeInteger(number) ? { createdAt, id: number } : undefined;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** What the calls a filter selects add up to, for alert rules. */
export interface RequestTotals {
  requests: number;
  /** Calls that ended with a 5xx status. */
  serverErrors: number;
  costUsd: number;
  /** The 95th percentile latency, 0 without calls. */
  p95LatencyMs: number;
}

/** Most rows one time series reads; its percentiles are exact below it. */
const seriesRowCap = 500_000;

/** Queries over the request log for the admin API: filtered pages and time series. */
export interface RequestQueries {
  /** Newest first; `cursor` continues a previous page. Undefined cursor when the list is exhausted. */
  list(
    filter: RequestFilter,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ rows: RequestLogRow[]; nextCursor: string | undefined }>;
  /** True when a cursor was made by `list`. */
  validCursor(cursor: string): boolean;
  series(
    filter: RequestFilter,
    options: { bucket: (typeof bucketSizes)[number]; groupBy?: SeriesDimension | undefined },
  ): Promise<SeriesPoint[]>;
  /** Totals over the calls a filter selects, aggregated in the database. */
  totals(filter: RequestFilter): Promise<RequestTotals>;
}

/** Builds the request queries on an open store. */
export function createRequestQueries(db: Kysely<Schema>): RequestQueries {
  return {
    validCursor: (cursor) => decodeCursor(cursor) !== undefined,
    async list(filter, { limit, cursor }) {
      let query = narrow(db.selectFrom('request_log').selectAll(), filter);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
          ]),
        );
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        rows: page.map(fromRequestLogColumns),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : undefined,
      };
    },
    async totals(filter) {
      const sums = await narrow(
        db
          .selectFrom('request_log')
          .select((eb) => [
            eb.fn.countAll<number | string>().as('requests'),
            sql<number | string | null>`sum(case when status >= 500 then 1 else 0 end)`.as('server_errors'),
            eb.fn.sum<number | string | null>('cost_usd').as('cost'),
          ]),
        filter,
      ).executeTakeFirst();
      const requests = Number(sums?.requests ?? 0);
      // The exact nearest-rank p95: the row at that rank in latency order, as `series` computes it.
      const rank = Math.ceil(0.95 * requests) - 1;
      const p95 =
        requests === 0
          ? undefined
          : await narrow(db.selectFrom('request_log').select('latency_ms'), filter)
              .orderBy('latency_ms')
              .limit(1)
              .offset(rank)
              .executeTakeFirst();
      return {
        requests,
        serverErrors: Number(sums?.server_errors ?? 0),
        costUsd: Number(sums?.cost ?? 0),
        p95LatencyMs: p95?.latency_ms ?? 0,
      };
    },
    async series(filter, { bucket, groupBy }) {
      const length = prefixLength[bucket];
      const group = groupBy === undefined ? sql<null>`null` : sql.ref(dimensionColumns[groupBy]);
      const rows = await narrow(
        db.selectFrom('request_log').select([
          sql<string>`substr(created_at, 1, ${sql.lit(length)})`.as('bucket'),
          group.as('grouping'),
          'status',
          'latency_ms',
          'input_tokens',
          'output_tokens',
          'cost_usd',
          // A cache hit is the ledger's: one `cache_hit` row carrying what the hit saved.
          sql<number | string | null>`(select sum(coalesce(ledger.saved_usd, 0)) from ledger
              where ledger.request_id = request_log.request_id and ledger.purpose = 'cache_hit')`.as('saved'),
        ]),
        filter,
      )
        .orderBy('created_at')
        .limit(seriesRowCap)
        .execute();
      const points = new Map<string, SeriesPoint & { latencies: number[] }>();
      for (const row of rows) {
        const groupValue = row.grouping === null ? null : String(row.grouping);
        const id = `${row.bucket}\u0000${groupValue}`;
        let point = points.get(id);
        if (!point) {
          point = {
            bucket: row.bucket,
            group: groupValue,
            requests: 0,
            errors: 0,
            inputTokens: 0,
            outputTokens: 0,
            costUsd: 0,
            cacheHits: 0,
            savedUsd: 0,
            latencyMs: { p50: 0, p95: 0, p99: 0 },
            latencies: [],
          };
          points.set(id, point);
        }
        point.requests += 1;
        if (row.status >= 400) point.errors += 1;
        point.inputTokens += row.input_tokens ?? 0;
        point.outputTokens += row.output_tokens ?? 0;
        point.costUsd += Number(row.cost_usd ?? 0);
        // No cache_hit row sums to null; a hit whose answer was unpriced saved 0.
        if (row.saved !== null) {
          point.cacheHits += 1;
          point.savedUsd += Number(row.saved);
        }
        point.latencies.push(row.latency_ms);
      }
      return [...points.values()].map(({ latencies, ...point }) => {
        latencies.sort((a, b) => a - b);
        return {
          ...point,
          latencyMs: {
            p50: percentile(latencies, 0.5),
            p95: percentile(latencies, 0.95),
            p99: percentile(latencies, 0.99),
          },
        };
      });
    },
  };
}
