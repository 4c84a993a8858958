import type { Kysely, Selectable } from 'kysely';
import { newId } from '../core/ids.js';
import type { EvalScoreTable } from './evaluation-schema.js';
import type { Schema } from './schema.js';

/** A score on a request or a session. */
export interface ScoreRecord {
  id: string;
  requestId: string | null;
  sessionId: string | null;
  name: string;
  kind: 'thumbs' | 'number' | 'category';
  /** Thumbs are 1 (up) or 0 (down); numbers as given; null for a category. */
  value: number | null;
  category: string | null;
  comment: string | null;
  source: 'human' | 'online' | 'experiment';
  createdAt: string;
}

/** Stores scores and reads them by request or session. */
export interface ScoresRepository {
  add(score: Omit<ScoreRecord, 'id' | 'createdAt'> & { createdAt?: string }): Promise<ScoreRecord>;
  /** The scores of each request, oldest first. */
  ofRequests(requestIds: readonly string[]): Promise<Map<string, ScoreRecord[]>>;
  ofSession(sessionId: string): Promise<ScoreRecord[]>;
  /** Mean value of a named score from one source since a time, and how many there were. */
  mean(
    name: string,
    source: ScoreRecord['source'],
    since: string,
  ): Promise<{ mean: number | null; count: number }>;
}

function toScore(row: Selectable<EvalScoreTable>): ScoreRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    sessionId: row.session_id,
    name: row.name,
    kind: row.kind as ScoreRecord['kind'],
    value: row.value === null ? null : Number(row.value),
    category: row.category,
    comment: row.comment,
    source: row.source as ScoreRecord['source'],
    createdAt: row.created_at,
  };
}

/** Builds the scores repository over a Kysely database of either dialect. */
export function createScoresRepository(db: Kysely<Schema>): ScoresRepository {
  return {
    async add(score) {
      const record: ScoreRecord = {
        ...score,
        id: newId('score'),
        createdAt: score.createdAt ?? new Date().toISOString(),
      };
      await db
        .insertInto('eval_scores')
        .values({
          id: record.id,
          request_id: record.requestId,
          session_id: record.sessionId,
          name: record.name,
          kind: record.kind,
          value: record.value,
          category: record.category,
          comment: record.comment,
          source: record.source,
          created_at: record.createdAt,
        })
        .execute();
      return record;
    },
    async ofRequests(requestIds) {
      const byRequest = new Map<string, ScoreRecord[]>();
      for (let start = 0; start < requestIds.length; start += 500) {
        const rows = await db
          .selectFrom('eval_scores')
          .selectAll()
          .where('request_id', 'in', requestIds.slice(start, start + 500))
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        for (const row of rows) {
          const score = toScore(row);
          const list = byRequest.get(row.request_id ?? '') ?? [];
          list.push(score);
          byRequest.set(row.request_id ?? '', list);
        }
      }
      return byRequest;
    },
    async ofSession(sessionId) {
      const rows = await db
        .selectFrom('eval_scores')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toScore);
    },
    async mean(name, source, since) {
      const row = await db
        .selectFrom('eval_scores')
        .select((eb) => [
          eb.fn.avg<number | string | null>('value').as('mean'),
          eb.fn.countAll<number | string>().as('count'),
        ])
        .where('name', '=', name)
        .where('source', '=', source)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      const count = Number(row?.count ?? 0);
      return { mean: count === 0 || row?.mean == null ? null : Number(row.mean), count };
    },
  };
}
