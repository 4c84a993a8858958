import type { Kysely, Selectable } from 'kysely';
import type { AlertTable, Schema } from './schema.js';

/** 'firing' until its rule reads healthy again ('resolved'); a raised event is 'raised' once. */
export type AlertStatus = 'firing' | 'resolved' | 'raised';

/** One alert occurrence as stored. */
export interface AlertRecord {
  id: string;
  rule: string;
  subject: string;
  type: string;
  severity: string;
  status: AlertStatus;
  message: string;
  value: number | null;
  threshold: number | null;
  /** False when the cooldown held its notification back. */
  notified: boolean;
  createdAt: string;
  resolvedAt: string | null;
}

/** The alert history: one row per occurrence, newest first when listed. */
export interface AlertsRepository {
  insert(alert: AlertRecord): Promise<void>;
  /** Every alert still firing. */
  firing(): Promise<AlertRecord[]>;
  /** Marks a firing alert resolved; false when it was not firing (another replica resolved it). */
  resolve(id: string, at: string): Promise<boolean>;
  /** When `rule`/`subject` last notified (firing or raised), or undefined when never. */
  lastNotified(rule: string, subject: string): Promise<string | undefined>;
  /** Newest first; `before` continues from a previous page's last `createdAt`. */
  list(query: {
    limit: number;
    before?: string | undefined;
    status?: AlertStatus | undefined;
    rule?: string | undefined;
  }): Promise<AlertRecord[]>;
}

function fromRow(row: Selectable<AlertTable>): AlertRecord {
  return {
    id: row.id,
    rule: row.rule,
    subject: row.subject,
    type: row.type,
    severity: row.severity,
    status: row.status as AlertStatus,
    message: row.message,
    value: row.value === null ? null : Number(row.value),
    threshold: row.threshold === null ? null : Number(row.threshold),
    notified: Number(row.notified) === 1,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

/** Builds the alert history on an open store. */
export function createAlertsRepository(db: Kysely<Schema>): AlertsRepository {
  return {
    async insert(alert) {
      await db
        .insertInto('alerts')
        .values({
          id: alert.id,
          rule: alert.rule,
          subject: alert.subject,
          type: alert.type,
          severity: alert.severity,
          status: alert.status,
          message: alert.message,
          value: alert.value,
          threshold: alert.threshold,
          notified: alert.notified ? 1 : 0,
          created_at: alert.createdAt,
          resolved_at: alert.resolvedAt,
        })
        .execute();
    },
    async firing() {
      const rows = await db.selectFrom('alerts').selectAll().where('status', '=', 'firing').execute();
      return rows.map(fromRow);
    },
    async resolve(id, at) {
      const result = await db
        .updateTable('alerts')
        .set({ status: 'resolved', resolved_at: at })
        .where('id', '=', id)
        .where('status', '=', 'firing')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async lastNotified(rule, subject) {
      const row = await db
        .selectFrom('alerts')
        .select('created_at')
        .where('rule', '=', rule)
        .where('subject', '=', subject)
        .where('notified', '=', 1)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.created_at;
    },
    async list({ limit, before, status, rule }) {
      let query = db.selectFrom('alerts').selectAll();
      if (before !== undefined) query = query.where('created_at', '<', before);
      if (status !== undefined) query = query.where('status', '=', status);
      if (rule !== undefined) query = query.where('rule', '=', rule);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(fromRow);
    },
  };
}
