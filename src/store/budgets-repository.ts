import { type Kysely, type Selectable, sql } from 'kysely';
import type { BudgetTable, Schema } from './schema.js';

/** A stored budget; money in whole micro-dollars (1e-6 USD). */
export interface BudgetRecord {
  id: string;
  scope: 'key' | 'team' | 'user' | 'tag' | 'model' | 'global';
  match: string | null;
  period: 'daily' | 'weekly' | 'monthly' | 'total';
  limitMicroUsd: number;
  mode: 'hard' | 'soft';
  unpriced: 'refuse' | 'allow';
  source: 'config' | 'api';
  createdAt: string;
}

/** One budget's window: what was spent and what in-flight calls hold. */
export interface BudgetWindow {
  spentMicroUsd: number;
  reservedMicroUsd: number;
  alertedAt: string | null;
}

/** Which window of which budget a reservation or settlement is for. */
export interface WindowRef {
  budgetId: string;
  windowStart: string;
}

/** Stores budgets and moves money through their windows with single atomic statements. */
export interface BudgetsRepository {
  list(): Promise<BudgetRecord[]>;
  /** Inserts a budget, or updates the limit, mode and unpriced policy of the one with its id. */
  upsert(budget: BudgetRecord): Promise<void>;
  /** Deletes a budget and its windows; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Deletes config budgets whose ids are not listed (they left strata.yaml). */
  pruneConfig(keep: readonly string[]): Promise<void>;
  /** Holds `amount` in the window only if spent + reserved + amount stays within `limit`. */
  reserve(window: WindowRef, amount: number, limit: number): Promise<boolean>;
  /** Holds `amount` whatever the limit (soft budgets) and flags the window once it is over. */
  reserveOver(window: WindowRef, amount: number, limit: number, now: string): Promise<void>;
  /** Turns a reservation into spend: spent += actual, reserved -= reserved (actual 0 releases it). */
  settle(window: WindowRef, reserved: number, actual: number): Promise<void>;
  window(window: WindowRef): Promise<BudgetWindow | undefined>;
}

function toRecord(row: Selectable<BudgetTable>): BudgetRecord {
  return {
    id: row.id,
    scope: row.scope as BudgetRecord['scope'],
    match: row.match,
    period: row.period as BudgetRecord['period'],
    limitMicroUsd: Number(row.limit_microusd),
    mode: row.mode === 'soft' ? 'soft' : 'hard',
    unpriced: row.unpriced === 'allow' ? 'allow' : 'refuse',
    source: row.source === 'config' ? 'config' : 'api',
    createdAt: row.created_at,
  };
}

/** Builds the repository over a Kysely database of either dialect. */
export function createBudgetsRepository(db: Kysely<Schema>): BudgetsRepository {
  const openWindow = (ref: WindowRef) =>
    db
      .insertInto('budget_windows')
      .values({
        budget_id: ref.budgetId,
        window_start: ref.windowStart,
        spent_microusd: 0,
        reserved_microusd: 0,
      })
      .onConflict((conflict) => conflict.columns(['budget_id', 'window_start']).doNothing())
      .execute();
  const inWindow = (ref: WindowRef) =>
    db
      .updateTable('budget_windows')
      .where('budget_id', '=', ref.budgetId)
      .where('window_start', '=', ref.windowStart);

  return {
    async list() {
      const rows = await db.selectFrom('budgets').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },
    async upsert(budget) {
      const row = {
        id: budget.id,
        scope: budget.scope,
        match: budget.match,
        period: budget.period,
        limit_microusd: budget.limitMicroUsd,
        mode: budget.mode,
        unpriced: budget.unpriced,
        source: budget.source,
        created_at: budget.createdAt,
      };
      await db
        .insertInto('budgets')
        .values(row)
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet({ limit_microusd: row.limit_microusd, mode: row.mode, unpriced: row.unpriced }),
        )
        .execute();
    },
    async remove(id) {
      const deleted = await db.deleteFrom('budgets').where('id', '=', id).executeTakeFirst();
      await db.deleteFrom('budget_windows').where('budget_id', '=', id).execute();
      return deleted.numDeletedRows > 0n;
    },
    async pruneConfig(keep) {
      let stale = db.selectFrom('budgets').select('id').where('source', '=', 'config');
      if (keep.length > 0) stale = stale.where('id', 'not in', keep);
      for (const { id } of await stale.execute()) await this.remove(id);
    },
    async reserve(ref, amount, limit) {
      await openWindow(ref);
      // The check and the hold are one statement, so concurrent callers (any process) cannot both pass.
      const result = await inWindow(ref)
        .set({ reserved_microusd: sql`reserved_microusd + ${amount}` })
        .where(sql<boolean>`spent_microusd + reserved_microusd + ${amount} <= ${limit}`)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async reserveOver(ref, amount, limit, now) {
      await openWindow(ref);
      await inWindow(ref)
        .set({
          reserved_microusd: sql`reserved_microusd + ${amount}`,
          alerted_at: sql`case when alerted_at is null and spent_microusd + reserved_microusd + ${amount} > ${limit} then ${now} else alerted_at end`,
        })
        .execute();
    },
    async settle(ref, reserved, actual) {
      await inWindow(ref)
        .set({
          spent_microusd: sql`spent_microusd + ${actual}`,
          reserved_microusd: sql`reserved_microusd - ${reserved}`,
        })
        .execute();
    },
    async window(ref) {
      const row = await db
        .selectFrom('budget_windows')
        .selectAll()
        .where('budget_id', '=', ref.budgetId)
        .where('window_start', '=', ref.windowStart)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        spentMicroUsd: Number(row.spent_microusd),
        reservedMicroUsd: Number(row.reserved_microusd),
        alertedAt: row.alerted_at,
      };
    },
  };
}
