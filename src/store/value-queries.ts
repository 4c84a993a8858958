import type { Kysely } from 'kysely';
import { fromLedgerColumns, type LedgerRow } from './ledger-row.js';
import type { Schema } from './schema.js';

/** The request-log facts outcomes and experiments join on. */
export interface ValueRequest {
  requestId: string;
  createdAt: string;
  requestedModel: string | null;
  status: number;
  latencyMs: number;
  sessionId: string | null;
  correlationId: string | null;
  experiment: string | null;
  variant: string | null;
}

/** Reads the request log and ledger over a window for the value reports. */
export interface ValueQueries {
  /** Requests that arrived in [from, to], oldest first. */
  requests(from: string, to: string): Promise<ValueRequest[]>;
  /** Ledger rows (one per attempt) that settled in [from, to]. */
  ledger(from: string, to: string): Promise<LedgerRow[]>;
}

/** Builds the value queries on an open store. */
export function createValueQueries(db: Kysely<Schema>): ValueQueries {
  return {
    async requests(from, to) {
      const rows = await db
        .selectFrom('request_log')
        .select([
          'request_id',
          'created_at',
          'requested_model',
          'status',
          'latency_ms',
          'session_id',
          'correlation_id',
          'experiment',
          'variant',
        ])
        .where('created_at', '>=', from)
        .where('created_at', '<=', to)
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({
        requestId: row.request_id,
        createdAt: row.created_at,
        requestedModel: row.requested_model,
        status: Number(row.status),
        latencyMs: Number(row.latency_ms),
        sessionId: row.session_id,
        correlationId: row.correlation_id,
        experiment: row.experiment,
        variant: row.variant,
      }));
    },
    async ledger(from, to) {
      const rows = await db
        .selectFrom('ledger')
        .selectAll()
        .where('created_at', '>=', from)
        .where('created_at', '<=', to)
        .orderBy('created_at')
        .orderBy('attempt')
        .execute();
      return rows.map(fromLedgerColumns);
    },
  };
}
