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
 * Appends events to the root span of a stored trace (the call's server span), for results known only
 * after the call, such as an online evaluation. False when the call has no stored trace.
 */
export async function appendRootSpanEvents(
  db: Kysely<Schema>,
  requestId: string,
  events: readonly StoredSpanEvent[],
): Promise<boolean> {
  return db.transaction().execute(async (transaction) => {
    const row = await transaction
      .selectFrom('traces')
      .select('spans')
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (!row) return false;
    const spans = JSON.parse(row.spans) as Array<Record<string, unknown>>;
    const root = spans[0];
    if (!root) return false;
    const existing = Array.isArray(root.events) ? (root.events as StoredSpanEvent[]) : [];
    root.events = [...existing, ...events];
    await transaction
      .updateTable('traces')
      .set({ spans: JSON.stringify(spans) })
      .where('request_id', '=', requestId)
      .execute();
    return true;
  });
}
