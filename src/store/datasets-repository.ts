import type { Kysely, Selectable } from 'kysely';
import { newId } from '../core/ids.js';
import type { EvalDatasetItemTable } from './evaluation-schema.js';
import type { Schema } from './schema.js';

/** A dataset with its current version and item count. */
export interface DatasetRecord {
  name: string;
  description: string;
  version: number;
  items: number;
  createdAt: string;
  updatedAt: string;
}

/** One item as stored: input messages, expected output and metadata, all as plain JSON values. */
export interface DatasetItemRecord {
  key: string;
  input: unknown[];
  expected: string | null;
  metadata: Record<string, unknown>;
  sourceRequestId: string | null;
  /** The dataset version that added this form of the item. */
  addedIn: number;
}

/** An item to add; without a key it gets a new one, with the key of an existing item it replaces it. */
export type NewDatasetItem = Omit<DatasetItemRecord, 'key' | 'addedIn' | 'sourceRequestId'> & {
  key?: string | undefined;
  sourceRequestId?: string | null | undefined;
};

/** Versioned datasets: every change makes a new version; older versions stay readable. */
export interface DatasetsRepository {
  /** Creates an empty dataset at version 0; false when the name is taken. */
  create(name: string, description: string): Promise<boolean>;
  get(name: string): Promise<DatasetRecord | undefined>;
  list(): Promise<DatasetRecord[]>;
  /** Deletes a dataset with every version of its items; false when there was none. */
  delete(name: string): Promise<boolean>;
  /** Adds or replaces items as one new version; returns it and the keys written. */
  put(name: string, items: readonly NewDatasetItem[]): Promise<{ version: number; keys: string[] }>;
  /** Removes items by key as one new version; returns the version and how many were removed. */
  remove(name: string, keys: readonly string[]): Promise<{ version: number; removed: number }>;
  /** The items of a version (default the current one), oldest first. */
  items(name: string, version?: number): Promise<DatasetItemRecord[]>;
}

function toItem(row: Selectable<EvalDatasetItemTable>): DatasetItemRecord {
  return {
    key: row.item_key,
    input: JSON.parse(row.input) as unknown[],
    expected: row.expected,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    sourceRequestId: row.source_request_id,
    addedIn: Number(row.added_in),
  };
}

/** Builds the datasets repository over a Kysely database of either dialect. */
export function createDatasetsRepository(db: Kysely<Schema>): DatasetsRepository {
  /** Takes the next version inside the transaction; undefined when the dataset does not exist. */
  async function bump(transaction: Kysely<Schema>, name: string): Promise<number | undefined> {
    const updated = await transaction
      .updateTable('eval_datasets')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
      .where('name', '=', name)
      .returning('version')
      .executeTakeFirst();
    return updated === undefined ? undefined : Number(updated.version);
  }

  return {
    async create(name, description) {
      const now = new Date().toISOString();
      const result = await db
        .insertInto('eval_datasets')
        .values({ name, description, version: 0, created_at: now, updated_at: now })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async get(name) {
      return (await this.list()).find((dataset) => dataset.name === name);
    },
    async list() {
      const [datasets, counts] = await Promise.all([
        db.selectFrom('eval_datasets').selectAll().orderBy('name').execute(),
        db
          .selectFrom('eval_dataset_items')
          .where('removed_in', 'is', null)
          .select(['dataset', (eb) => eb.fn.countAll<number | string>().as('count')])
          .groupBy('dataset')
          .execute(),
      ]);
      const countOf = new Map(counts.map((row) => [row.dataset, Number(row.count)]));
      return datasets.map((row) => ({
        name: row.name,
        description: row.description,
        version: Number(row.version),
        items: countOf.get(row.name) ?? 0,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
    },
    async delete(name) {
      return db.transaction().execute(async (transaction) => {
        await transaction.deleteFrom('eval_dataset_items').where('dataset', '=', name).execute();
        const result = await transaction
          .deleteFrom('eval_datasets')
          .where('name', '=', name)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async put(name, items) {
      return db.transaction().execute(async (transaction) => {
        const version = await bump(transaction, name);
        if (version === undefined) throw new Error(`There is no dataset ${name}.`);
        const keys = items.map((item) => item.key ?? newId('item'));
        const now = new Date().toISOString();
        for (let start = 0; start < items.length; start += 200) {
          const batch = keys.slice(start, start + 200);
          await transaction
            .updateTable('eval_dataset_items')
            .set({ removed_in: version })
            .where('dataset', '=', name)
            .where('removed_in', 'is', null)
            .where('item_key', 'in', batch)
            .execute();
          await transaction
            .insertInto('eval_dataset_items')
            .values(
              items.slice(start, start + 200).map((item, index) => ({
                id: newId('dsi'),
                dataset: name,
                item_key: batch[index] ?? newId('item'),
                added_in: version,
                removed_in: null,
                input: JSON.stringify(item.input),
                expected: item.expected,
                metadata: JSON.stringify(item.metadata),
                source_request_id: item.sourceRequestId ?? null,
                created_at: now,
              })),
            )
            .execute();
        }
        return { version, keys };
      });
    },
    async remove(name, keys) {
      return db.transaction().execute(async (transaction) => {
        const version = await bump(transaction, name);
        if (version === undefined) throw new Error(`There is no dataset ${name}.`);
        if (keys.length === 0) return { version, removed: 0 };
        const result = await transaction
          .updateTable('eval_dataset_items')
          .set({ removed_in: version })
          .where('dataset', '=', name)
          .where('removed_in', 'is', null)
          .where('item_key', 'in', [...keys])
          .executeTakeFirst();
        return { version, removed: Number(result.numUpdatedRows) };
      });
    },
    async items(name, version) {
      let query = db.selectFrom('eval_dataset_items').selectAll().where('dataset', '=', name);
      if (version === undefined) query = query.where('removed_in', 'is', null);
      else
        query = query
          .where('added_in', '<=', version)
          .where((eb) => eb.or([eb('removed_in', 'is', null), eb('removed_in', '>', version)]));
      const rows = await query.orderBy('added_in').orderBy('id').execute();
      return rows.map(toItem);
    },
  };
}
