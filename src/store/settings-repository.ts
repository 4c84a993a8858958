import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Reads and writes process-wide settings such as the master key hash. */
export interface SettingsRepository {
  /** The stored value, or undefined when the setting was never written. */
  getSetting(name: string): Promise<string | undefined>;
  /** Stores the value unless the setting exists; true when this call wrote it (atomic across processes). */
  setSettingIfAbsent(name: string, value: string): Promise<boolean>;
}

/** Builds the settings repository on an open store. */
export function createSettingsRepository(db: Kysely<Schema>): SettingsRepository {
  return {
    async getSetting(name) {
      const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
      return row?.value;
    },
    async setSettingIfAbsent(name, value) {
      const result = await db
        .insertInto('settings')
        .values({ name, value })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
  };
}
