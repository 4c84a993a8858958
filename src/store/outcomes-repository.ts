import type { Kysely, Selectable } from 'kysely';
import type { OutcomeTable, Schema } from './schema.js';

/** What an outcome is attached to. */
export type OutcomeSubjectKind = 'request' | 'trace' | 'session' | 'correlation';

/** A business outcome as stored: what happened, whether it succeeded, what it was worth. */
export interface OutcomeRecord {
  id: string;
  name: string;
  success: boolean;
  valueUsd: number;
  metadata: Record<string, unknown>;
  subjectKind: OutcomeSubjectKind;
  subject: string;
  /** When the outcome happened (the caller's clock), ISO. */
  occurredAt: string;
  /** When Strata stored it, ISO. */
  createdAt: string;
  /**
   * Who posted it, when that limits which calls it joins: a key's outcomes join only calls made with
   * that key or by its team. Absent for a trusted poster (the master key, an owner or admin, the signed
   * webhook), whose outcomes join any call.
   */
  postedBy?: OutcomePoster | undefined;
}

/** The key that posted an outcome, and its team. */
export interface OutcomePoster {
  keyId: string | null;
  team: string | null;
}

/** Stores outcomes, each id once, and reads them back for the value reports. */
export interface OutcomesRepository {
  /**
   * Stores the outcomes whose ids are new; returns the stored version of every id, new or not. An id
   * already stored that `mayRepeat` refuses stores nothing and answers its index as `taken` (an id
   * another post stores while this one runs is found only after the rest are stored).
   */
  insert(
    outcomes: readonly OutcomeRecord[],
    mayRepeat?: (stored: OutcomeRecord) => boolean,
  ): Promise<{ stored: OutcomeRecord[]; created: Set<string>; taken?: number }>;
  /** Outcomes that happened at or after `from` (and at or before `to`), oldest first. */
  list(query: { from?: string | undefined; to?: string | undefined }): Promise<OutcomeRecord[]>;
}

function fromColumns(row: Selectable<OutcomeTable>): OutcomeRecord {
  return {
    id: row.id,
    name: row.name,
    success: Number(row.success) !== 0,
    valueUsd: Number(row.value_usd),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    subjectKind: row.subject_kind as OutcomeSubjectKind,
    subject: row.subject,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    ...((row.posted_key_id !== null || row.posted_team !== null) && {
      postedBy: { keyId: row.posted_key_id, team: row.posted_team },
    }),
  };
}

/** Builds the outcomes repository on an open store. */
export function createOutcomesRepository(db: Kysely<Schema>): OutcomesRepository {
  const byIds = async (ids: string[]) => {
    // Chunked: SQLite binds at most 32,766 parameters per statement.
    const rows = [];
    for (let start = 0; start < ids.length; start += 1000)
      rows.push(
        ...(await db
          .selectFrom('outcomes')
          .selectAll()
          .where('id', 'in', ids.slice(start, start + 1000))
          .execute()),
      );
    return new Map(rows.map((row) => [row.id, fromColumns(row)]));
  };
  return {
    async insert(outcomes, mayRepeat = () => true) {
      const ids = outcomes.map((outcome) => outcome.id);
      const before = await byIds(ids);
      const refused = (stored: Map<string, OutcomeRecord>, created?: Set<string>) =>
        ids.findIndex((id) => {
          const record = stored.get(id);
          return record !== undefined && !created?.has(id) && !mayRepeat(record);
        });
      const takenBefore = refused(before);
      if (takenBefore !== -1) return { stored: [], created: new Set(), taken: takenBefore };
      const fresh = outcomes.filter((outcome) => !before.has(outcome.id));
      for (let start = 0; start < fresh.length; start += 500) {
        await db
          .insertInto('outcomes')
          .values(
            fresh.slice(start, start + 500).map((outcome) => ({
              id: outcome.id,
              name: outcome.name,
              success: outcome.success ? 1 : 0,
              value_usd: outcome.valueUsd,
              metadata: JSON.stringify(outcome.metadata),
              subject_kind: outcome.subjectKind,
              subject: outcome.subject,
              occurred_at: outcome.occurredAt,
              created_at: outcome.createdAt,
              posted_key_id: outcome.postedBy?.keyId ?? null,
              posted_team: outcome.postedBy?.team ?? null,
            })),
          )
          // A concurrent post of the same id: the first one stored wins, as for a repeated post.
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
      }
      const after = await byIds(ids);
      const created = new Set(fresh.map((outcome) => outcome.id).filter((id) => after.has(id)));
      const stored = ids.flatMap((id) => after.get(id) ?? []);
      const taken = refused(after, created);
      return taken === -1 ? { stored, created } : { stored, created, taken };
    },
    async list({ from, to }) {
      let query = db.selectFrom('outcomes').selectAll();
      if (from !== undefined) query = query.where('occurred_at', '>=', from);
      if (to !== undefined) query = query.where('occurred_at', '<=', to);
      return (await query.orderBy('occurred_at').orderBy('id').execute()).map(fromColumns);
    },
  };
}
