import { type Kysely, sql } from 'kysely';
import type { Schema } from './schema.js';

/** One stored audit row, exactly as written (the chain is checked over these fields). */
export interface AuditRow {
  seq: number;
  createdAt: string;
  actor: string;
  action: string;
  target: string | null;
  /** The JSON text of the detail, as hashed. */
  detail: string;
  prevHash: string;
  hash: string;
}

/** A filter over the audit log, newest first. */
export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  /** Only rows with a smaller `seq` (to page back). */
  before?: number | undefined;
  limit: number;
}

/** Appends to and reads the hash-chained audit log. */
export interface AuditRepository {
  /** The last row, which the next one chains to; undefined while the log is empty. */
  last(): Promise<AuditRow | undefined>;
  /**
   * Inserts a row; false when another writer took its `seq` or chained to the same predecessor first
   * (the caller then retries on the new last row).
   */
  insert(row: AuditRow): Promise<boolean>;
  /** Moves the recorded head forward to `seq`/`hash`; a head already further along is kept. */
  advanceHead(seq: number, hash: string): Promise<void>;
  /** The recorded head: the newest row ever appended, so deleting the newest rows shows. */
  head(): Promise<{ seq: number; hash: string } | undefined>;
  /** A page of rows, newest first. */
  list(query: AuditQuery): Promise<AuditRow[]>;
  /** Every row in chain order, read in pages so a long log is never held in memory at once. */
  all(pageSize?: number): AsyncGenerator<AuditRow>;
}

const headSetting = 'audit_head';

function fromColumns(row: Schema['audit_log']): AuditRow {
  return {
    seq: Number(row.seq),
    createdAt: row.created_at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

// Sequence numbers are zero-padded in the head setting so text comparison orders them.
const padded = (seq: number) => seq.toString().padStart(15, '0');

/** Builds the audit repository on an open store. */
export function createAuditRepository(db: Kysely<Schema>): AuditRepository {
  return {
    async last() {
      const row = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && fromColumns(row);
    },
    async insert(row) {
      const result = await db
        .insertInto('audit_log')
        .values({
          seq: row.seq,
          created_at: row.createdAt,
          actor: row.actor,
          action: row.action,
          target: row.target,
          detail: row.detail,
          prev_hash: row.prevHash,
          hash: row.hash,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async advanceHead(seq, hash) {
      const value = `${padded(seq)}:${hash}`;
      await db
        .insertInto('settings')
        .values({ name: headSetting, value })
        .onConflict((conflict) =>
          conflict.column('name').doUpdateSet({ value }).where(sql.ref('settings.value'), '<', value),
        )
        .execute();
    },
    async head() {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('name', '=', headSetting)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const [seq = '', hash = ''] = row.value.split(':');
      return { seq: Number(seq), hash };
    },
    async list(query) {
      let select = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(query.limit);
      if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.before !== undefined) select = select.where('seq', '<', query.before);
      return (await select.execute()).map(fromColumns);
    },
    async *all(pageSize = 1000) {
      // The smallest 32-bit integer: even a row moved to a negative position is read.
      let after = -2_147_483_648;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        for (const row of rows) yield fromColumns(row);
        if (rows.length < pageSize) return;
        after = Number(rows.at(-1)?.seq);
      }
    },
  };
}
