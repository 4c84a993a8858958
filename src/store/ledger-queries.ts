import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './database.js';
import { fromLedgerColumns, type LedgerRow } from './ledger-row.js';
import type { Schema } from './schema.js';

/** The dimensions spend can be grouped by. */
export const spendDimensions = ['key', 'team', 'user', 'tag', 'feature', 'model', 'provider', 'day'] as const;

/** One dimension spend can be grouped by. */
export type SpendDimension = (typeof spendDimensions)[number];

/** A spend question: the grouping, an optional time window (ISO dates or timestamps) and filters. */
export interface SpendQuery {
  groupBy: SpendDimension;
  /** Inclusive start; a bare date means that day's midnight UTC. */
  from?: string | undefined;
  /** Inclusive end; a bare date includes that whole day (UTC). */
  to?: string | undefined;
  keyId?: string | undefined;
  /** The upstream model that served the attempts. */
  model?: string | undefined;
  /** Only spend attributed to one of these teams (an empty list matches nothing). */
  teams?: readonly string[] | undefined;
}

/** Spend of one group. `input_tokens` counts every prompt token, cached reads and cache writes included. */
export interface SpendGroup {
  group: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** USD of the priced attempts; unpriced ones are counted in `unpriced_requests`, not as 0. */
  cost_usd: number;
  /** USD that cache hits saved: what the calls that produced their answers cost. */
  saved_usd: number;
  unpriced_requests: number;
}

/** Reads the ledger: spend reports and the rows of one request. */
export interface LedgerQueries {
  /** Spend per group, most expensive first (per day: oldest first). */
  spend(query: SpendQuery): Promise<SpendGroup[]>;
  /** Every ledger row of one request, by attempt. */
  rowsOf(requestId: string): Promise<LedgerRow[]>;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A bare date kept as is (it sorts before that day's timestamps); anything else in the stored ISO form. */
function startOf(value: string): string {
  return dateOnly.test(value) ? value : new Date(value).toISOString();
}

function endCondition(value: string): RawBuilder<unknown> {
  if (!dateOnly.test(value)) return sql`ledger.created_at <= ${new Date(value).toISOString()}`;
  const next = new Date(`${value}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return sql`ledger.created_at < ${next.toISOString().slice(0, 10)}`;
}

function groupExpression(groupBy: SpendDimension): RawBuilder<unknown> {
  switch (groupBy) {
    case 'key':
      return sql.ref('ledger.key_id');
    case 'day':
      return sql`substr(ledger.created_at, 1, 10)`;
    case 'tag':
      return sql.ref('tag.value');
    default:
      return sql.ref(`ledger.${groupBy}`);
  }
}

// Tags are a JSON array per row; grouping by tag expands it, so a row with two tags counts in both
// groups and a row without tags in none.
function source(groupBy: SpendDimension, dialect: Dialect): RawBuilder<unknown> {
  if (groupBy !== 'tag') return sql`ledger`;
  return dialect === 'sqlite'
    ? sql`ledger, json_each(ledger.tags) as tag`
    : sql`ledger cross join lateral jsonb_array_elements_text(ledger.tags::jsonb) as tag(value)`;
}

interface SpendRecord {
  group: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  saved_usd: number;
  unpriced_requests: number;
}

/** Builds the ledger queries on an open store. */
export function createLedgerQueries(db: Kysely<Schema>, dialect: Dialect): LedgerQueries {
  return {
    async spend(query) {
      const conditions: RawBuilder<unknown>[] = [];
      if (query.from !== undefined) conditions.push(sql`ledger.created_at >= ${startOf(query.from)}`);
      if (query.to !== undefined) conditions.push(endCondition(query.to));
      if (query.keyId !== undefined) conditions.push(sql`ledger.key_id = ${query.keyId}`);
      if (query.model !== undefined) conditions.push(sql`ledger.model = ${query.model}`);
      if (query.teams !== undefined)
        conditions.push(
          query.teams.length === 0
            ? sql`1 = 0`
            : sql`ledger.team in (${sql.join(query.teams.map((team) => sql`${team}`))})`,
        );
      const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
      const order = query.groupBy === 'day' ? sql`1 asc` : sql`cost_usd desc, requests desc, 1 asc`;
      const result = await sql<SpendRecord>`
        select ${groupExpression(query.groupBy)} as "group",
          count(*) as requests,
          coalesce(sum(ledger.input_tokens + ledger.cached_input_tokens + ledger.cache_write_tokens), 0) as input_tokens,
          coalesce(sum(ledger.output_tokens), 0) as output_tokens,
          coalesce(sum(ledger.cost_usd), 0) as cost_usd,
          coalesce(sum(ledger.saved_usd), 0) as saved_usd,
          coalesce(sum(case when ledger.cost_usd is null then 1 else 0 end), 0) as unpriced_requests
        from ${source(query.groupBy, dialect)} ${where}
        group by 1 order by ${order}`.execute(db);
      // SQLite hands back integers and PostgreSQL parsed bigints; both already numbers, kept explicit.
      return result.rows.map((row) => ({
        group: row.group,
        requests: Number(row.requests),
        input_tokens: Number(row.input_tokens),
        output_tokens: Number(row.output_tokens),
        cost_usd: Number(row.cost_usd),
        saved_usd: Number(row.saved_usd),
        unpriced_requests: Number(row.unpriced_requests),
      }));
    },
    async rowsOf(requestId) {
      const rows = await db
        .selectFrom('ledger')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('attempt')
        .execute();
      return rows.map(fromLedgerColumns);
    },
  };
}
