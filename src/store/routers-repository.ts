import type { Kysely } from 'kysely';
import type { RouterTable, Schema } from './schema.js';

/** A stored router without its model, for listings. */
export type RouterSummary = Omit<RouterTable, 'model'>;

/** Saves and loads trained learned routers by name. */
export interface RoutersRepository {
  /** Stores the router, replacing one of the same name. */
  save(router: RouterTable): Promise<void>;
  get(name: string): Promise<RouterTable | undefined>;
  list(): Promise<RouterSummary[]>;
}

/** Builds the routers repository on an open store. */
export function createRoutersRepository(db: Kysely<Schema>): RoutersRepository {
  return {
    async save(router) {
      const { name, ...rest } = router;
      await db
        .insertInto('routers')
        .values(router)
        .onConflict((conflict) => conflict.column('name').doUpdateSet(rest))
        .execute();
    },
    async get(name) {
      return db.selectFrom('routers').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async list() {
      return db
        .selectFrom('routers')
        .select(['name', 'kind', 'trained_at', 'training_rows', 'source'])
        .orderBy('name')
        .execute();
    },
  };
}
