import { type Kysely, sql } from 'kysely';
import { firstIdAt, requestIdPrefix } from '../core/ids.js';
import type { Dialect } from './database-url.js';
import { claimLease } from './lease.js';
import type { Schema } from './schema.js';

/** The kinds of record retention bounds; the ledger (money) is meant to be kept longest. */
export const retainedKinds = ['traces', 'request_log', 'ledger'] as const;
/** One of `retainedKinds`. */
export type RetainedKind = (typeof retainedKinds)[number];

/** How long one kind of record is kept: by age, by count, or both (whichever removes more). */
export interface RetentionRule {
  maxAgeDays?: number | undefined;
  maxRows?: number | undefined;
}

// Each table's own key, by which batches of old rows are deleted.
const keys = { traces: 'request_id', request_log: 'id', ledger: 'id' } as const;
// What orders each table's rows by age: traces by their time-ordered request ids (so no created_at index
// is written on every call), the others by created_at.
const ages = { traces: 'request_id', request_log: 'created_at', ledger: 'created_at' } as const;
/** The value of `ages[kind]` that rows created before `instant` sort below. */
const ageBound = (kind: RetainedKind, instant: Date): string =>
  kind === 'traces' ? firstIdAt(requestIdPrefix, instant.getTime()) : instant.toISOString();
const batchRows = 5000;
const leaseName = 'retention.lease';

/** Deletes old records in batches, and elects the one replica that does it. */
export interface Retention {
  /** Applies the rules; returns how many rows of each kind went. Yields to the event loop between batches. */
  purge(
    rules: Partial<Record<RetainedKind, RetentionRule>>,
    now?: Date,
  ): Promise<Record<RetainedKind, number>>;
  /**
   * Removes captured content from traces older than their organisation's `content_retention_days`, or
   * `globalDays` for teams of no organisation with its own; the rest of each trace stays. Returns how many
   * traces lost content.
   */
  stripContent(globalDays: number | undefined, now?: Date): Promise<number>;
  /** Takes or renews the purge lease for `owner` until `now + ttlMs`; false while another holds it. */
  claim(owner: string, ttlMs: number, now?: Date): Promise<boolean>;
}

/** Builds retention over an open store. */
export function createRetention(db: Kysely<Schema>, dialect: Dialect): Retention {
  // Legacy rows hold a span array rather than a report: only objects with content qualify.
  const json =
    dialect === 'sqlite'
      ? {
          team: sql`json_extract(report, '$.who.team')`,
          hasContent: sql`json_type(report) = 'object' and json_type(report, '$.content') is not null`,
          stripped: sql`json_remove(report, '$.content')`,
        }
      : {
          team: sql`(report::jsonb -> 'who' ->> 'team')`,
          hasContent: sql`jsonb_typeof(report::jsonb) = 'object' and report::jsonb ? 'content'`,
          stripped: sql`(report::jsonb - 'content')::text`,
        };
  const teamsWithOwnDays = sql`select teams.id from teams join organisations on organisations.id = teams.organisation_id where organisations.content_retention_days is not null`;

  /** Strips content from traces created before `cutoff` whose team passes `teams`, a batch at a time. */
  async function stripBefore(cutoff: Date, teams: ReturnType<typeof sql>): Promise<number> {
    let total = 0;
    for (;;) {
      const result =
        await sql`update traces set report = ${json.stripped} where request_id in (select request_id from traces where request_id < ${ageBound('traces', cutoff)} and ${json.hasContent} and ${teams} limit ${batchRows})`.execute(
          db,
        );
      const stripped = Number(result.numAffectedRows ?? 0n);
      total += stripped;
      if (stripped < batchRows) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const before = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

  /** Deletes rows whose age order sorts below `cutoff` (a value of `ages[kind]`), a batch at a time. */
  async function deleteBefore(kind: RetainedKind, cutoff: string): Promise<number> {
    const key = keys[kind];
    let total = 0;
    for (;;) {
      const result =
        await sql`delete from ${sql.table(kind)} where ${sql.ref(key)} in (select ${sql.ref(key)} from ${sql.table(kind)} where ${sql.ref(ages[kind])} < ${cutoff} limit ${batchRows})`.execute(
          db,
        );
      const deleted = Number(result.numAffectedRows ?? 0n);
      total += deleted;
      if (deleted < batchRows) return total;
      // A long purge must not hold the event loop (SQLite runs on it) between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Deletes the rows whose age order is exactly `position`. */
  async function deleteAt(kind: RetainedKind, position: string): Promise<number> {
    const result =
      await sql`delete from ${sql.table(kind)} where ${sql.ref(ages[kind])} = ${position}`.execute(db);
    return Number(result.numAffectedRows ?? 0n);
  }

  /** The age order of the newest row beyond the first `keep`, or undefined when there are no more. */
  async function cutoffForCount(kind: RetainedKind, keep: number): Promise<string | undefined> {
    const age = sql.ref(ages[kind]);
    const row = await sql<{
      position: string;
    }>`select ${age} as position from ${sql.table(kind)} order by ${age} desc limit 1 offset ${keep}`.execute(
      db,
    );
    return row.rows[0]?.position;
  }

  return {
    async purge(rules, now = new Date()) {
      const deleted = { traces: 0, request_log: 0, ledger: 0 };
      for (const kind of retainedKinds) {
        const rule = rules[kind];
        if (!rule) continue;
        if (rule.maxAgeDays !== undefined)
          deleted[kind] += await deleteBefore(kind, ageBound(kind, before(now, rule.maxAgeDays)));
        if (rule.maxRows !== undefined) {
          const cutoff = await cutoffForCount(kind, rule.maxRows);
          // Rows at the cutoff's own position go too: the table ends at most `maxRows` long.
          if (cutoff !== undefined)
            deleted[kind] += (await deleteBefore(kind, cutoff)) + (await deleteAt(kind, cutoff));
        }
      }
      return deleted;
    },
    async stripContent(globalDays, now = new Date()) {
      let total = 0;
      const own = await db
        .selectFrom('organisations')
        .select('content_retention_days as days')
        .distinct()
        .where('content_retention_days', 'is not', null)
        .execute();
      for (const { days } of own)
        if (days !== null)
          total += await stripBefore(
            before(now, days),
            sql`${json.team} in (select teams.id from teams join organisations on organisations.id = teams.organisation_id where organisations.content_retention_days = ${days})`,
          );
      if (globalDays !== undefined)
        total += await stripBefore(
          before(now, globalDays),
          sql`(${json.team} is null or ${json.team} not in (${teamsWithOwnDays}))`,
        );
      return total;
    },
    claim: (owner, ttlMs, now) => claimLease(db, leaseName, owner, ttlMs, now),
  };
}
