import { type Kysely, sql } from 'kysely';
import type { Schema } from './schema.js';

/** What one erasure changed in the store's own tables. */
export interface StoredErasure {
  /** Request-log rows deleted. */
  requestLog: number;
  /** Traces (with their spans and any captured content) deleted. */
  traces: number;
  /** Ledger rows kept for their money but stripped of who and what: user, tags, feature, trace id. */
  ledgerAnonymised: number;
  /** The subject's keys, revoked (if they were not already) and no longer naming them. */
  keysRevoked: number;
}

/** Finds and erases what the store holds about one user or end-user id. */
export interface ErasureRepository {
  /** Ids of the keys that belong to the user (`metadata.user`), revoked ones included. */
  keysOf(userId: string): Promise<string[]>;
  /** Every request made by the end-user id or through one of `keyIds`. */
  requestsOf(userId: string, keyIds: readonly string[]): Promise<string[]>;
  /** Deletes the requests' log rows and traces, anonymises their ledger rows and disowns the keys. */
  erase(requestIds: readonly string[], keyIds: readonly string[]): Promise<StoredErasure>;
  /** Documents whose metadata names the user as uploader (`uploaded_by`) or subject (`user`). */
  documentsOf(userId: string): Promise<Array<{ kb: string; id: string }>>;
}

/** Rows are changed in slices, so an erasure of a heavy user never builds one giant statement. */
const slice = 500;

function slices<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += slice) parts.push(items.slice(start, start + slice));
  return parts;
}

/** A LIKE condition on a JSON text column: it holds `value` as JSON writes it (LIKE's wildcards escaped). */
function mentions(column: string, value: string) {
  const written = JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\\%_]/g, (match) => `\\${match}`);
  return sql<boolean>`${sql.ref(column)} like ${`%${written}%`} escape '\\'`;
}

function parsed(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Builds the erasure repository on an open store. */
export function createErasureRepository(db: Kysely<Schema>): ErasureRepository {
  return {
    async keysOf(userId) {
      // Metadata is JSON text on both dialects; the LIKE narrows the scan, the parse decides.
      const rows = await db
        .selectFrom('api_keys')
        .select(['id', 'metadata'])
        .where(mentions('metadata', userId))
        .execute();
      return rows.filter((row) => parsed(row.metadata).user === userId).map((row) => row.id);
    },
    async requestsOf(userId, keyIds) {
      const ids = new Set<string>();
      const byUser = await db.selectFrom('ledger').select('request_id').where('user', '=', userId).execute();
      for (const row of byUser) ids.add(row.request_id);
      for (const part of slices(keyIds)) {
        const byKey = await db
          .selectFrom('ledger')
          .select('request_id')
          .where('key_id', 'in', part)
          .execute();
        for (const row of byKey) ids.add(row.request_id);
        const logged = await db
          .selectFrom('request_log')
          .select('request_id')
          .where('key_id', 'in', part)
          .execute();
        for (const row of logged) ids.add(row.request_id);
      }
      return [...ids];
    },
    async erase(requestIds, keyIds) {
      return db.transaction().execute(async (transaction) => {
        const erased: StoredErasure = { requestLog: 0, traces: 0, ledgerAnonymised: 0, keysRevoked: 0 };
        for (const part of slices(requestIds)) {
          const log = await transaction
            .deleteFrom('request_log')
            .where('request_id', 'in', part)
            .executeTakeFirst();
          erased.requestLog += Number(log.numDeletedRows);
          const traces = await transaction
            .deleteFrom('traces')
            .where('request_id', 'in', part)
            .executeTakeFirst();
          erased.traces += Number(traces.numDeletedRows);
          const ledger = await transaction
            .updateTable('ledger')
            .set({ user: null, tags: '[]', feature: null, trace_id: null })
            .where('request_id', 'in', part)
            .executeTakeFirst();
          erased.ledgerAnonymised += Number(ledger.numUpdatedRows);
        }
        const now = new Date().toISOString();
        for (const id of keyIds) {
          const key = await transaction
            .selectFrom('api_keys')
            .select('metadata')
            .where('id', '=', id)
            .executeTakeFirst();
          if (key === undefined) continue;
          const { user: _user, ...rest } = parsed(key.metadata);
          await transaction
            .updateTable('api_keys')
            .set((update) => ({
              metadata: JSON.stringify(rest),
              revoked_at: update.fn.coalesce('revoked_at', update.val(now)),
            }))
            .where('id', '=', id)
            .execute();
          erased.keysRevoked++;
        }
        return erased;
      });
    },
    async documentsOf(userId) {
      const rows = await db
        .selectFrom('knowledge_documents')
        .select(['kb', 'id', 'metadata'])
        .where(mentions('metadata', userId))
        .execute();
      return rows
        .filter((row) => {
          const metadata = parsed(row.metadata);
          return metadata.uploaded_by === userId || metadata.user === userId;
        })
        .map((row) => ({ kb: row.kb, id: row.id }))
        .sort((a, b) => a.kb.localeCompare(b.kb) || a.id.localeCompare(b.id));
    },
  };
}
