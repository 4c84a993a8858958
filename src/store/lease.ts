import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/**
 * Takes or renews the lease `name` for `owner` until `now + ttlMs`; false while another owner holds it.
 * Kept in `settings` and changed by compare-and-set, so of several replicas sharing a store one holds it,
 * and a dead holder's lease lapses by itself.
 */
export async function claimLease(
  db: Kysely<Schema>,
  name: string,
  owner: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  await db
    .insertInto('settings')
    .values({ name, value: '' })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const current = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  const held = current?.value ?? '';
  const [holder, until] = held.split(' ');
  if (holder && holder !== owner && Number(until) > now.getTime()) return false;
  const result = await db
    .updateTable('settings')
    .set({ value: `${owner} ${now.getTime() + ttlMs}` })
    .where('name', '=', name)
    .where('value', '=', held)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
