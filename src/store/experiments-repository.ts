import type { Kysely, Selectable } from 'kysely';
import type { ExperimentTable, Schema } from './schema.js';

/** An experiment as stored; `definition` is the value layer's JSON, opaque here. */
export interface ExperimentRecord {
  id: string;
  definition: string;
  status: 'running' | 'stopped';
  source: 'config' | 'api';
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
}

/** Stores A/B experiments, so every replica assigns calls the same way. */
export interface ExperimentsRepository {
  list(): Promise<ExperimentRecord[]>;
  /** Inserts a new experiment; false when the id is taken. */
  create(record: ExperimentRecord): Promise<boolean>;
  /** Writes a config experiment's definition, keeping its status and dates when it exists. */
  upsertDefinition(record: ExperimentRecord): Promise<void>;
  /** Starts or stops an experiment; false when there is none with that id. */
  setStatus(id: string, status: 'running' | 'stopped', at: string): Promise<boolean>;
}

function fromColumns(row: Selectable<ExperimentTable>): ExperimentRecord {
  return {
    id: row.id,
    definition: row.definition,
    status: row.status === 'running' ? 'running' : 'stopped',
    source: row.source === 'config' ? 'config' : 'api',
    createdAt: row.created_at,
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
  };
}

function toColumns(record: ExperimentRecord) {
  return {
    id: record.id,
    definition: record.definition,
    status: record.status,
    source: record.source,
    created_at: record.createdAt,
    started_at: record.startedAt,
    stopped_at: record.stoppedAt,
  };
}

/** Builds the experiments repository on an open store. */
export function createExperimentsRepository(db: Kysely<Schema>): ExperimentsRepository {
  return {
    async list() {
      return (
        await db.selectFrom('experiments').selectAll().orderBy('created_at').orderBy('id').execute()
      ).map(fromColumns);
    },
    async create(record) {
      const result = await db
        .insertInto('experiments')
        .values(toColumns(record))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async upsertDefinition(record) {
      await db
        .insertInto('experiments')
        .values(toColumns(record))
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet({ definition: record.definition, source: record.source }),
        )
        .execute();
    },
    async setStatus(id, status, at) {
      const result = await db
        .updateTable('experiments')
        .set(status === 'running' ? { status, started_at: at, stopped_at: null } : { status, stopped_at: at })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
