import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A span event (OpenTelemetry's shape): a name, when, and attributes. */
export interface StoredSpanEvent {
  name: string;
  /** Epoch milliseconds. */
  time: number;
  attributes: Record<string, string | number | boolean>;
}

/**
 * Adds evaluation events to a stored trace, for results known only after the call (online evaluation):
 * to the report's `evaluations`, which become events on the call's root span when the trace is read, or
 * to the root span itself in traces stored as spans. False when the call has no stored trace.
 */
export async function appendRootSpanEvents(
  db: Kysely<Schema>,
  requestId: string,
  events: readonly StoredSpanEvent[],
): Promise<boolean> {
  return db.transaction().execute(async (transaction) => {
    const row = await transaction
      .selectFrom('traces')
      .select('report')
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (!row) return false;
    const stored: unknown = JSON.parse(row.report);
    const target = Array.isArray(stored) ? (stored[0] as Record<string, unknown> | undefined) : stored;
    if (typeof target !== 'object' || target === null) return false;
    const holder = target as Record<string, unknown>;
    const key = Array.isArray(stored) ? 'events' : 'evaluations';
    const existing = Array.isArray(holder[key]) ? (holder[key] as StoredSpanEvent[]) : [];
    holder[key] = [...existing, ...events];
    await transaction
      .updateTable('traces')
      .set({ report: JSON.stringify(stored) })
      .where('request_id', '=', requestId)
      .execute();
    return true;
  });
}
