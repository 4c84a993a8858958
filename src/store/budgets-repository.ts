import type { Kysely, Selectable } from 'kysely';
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

/** One budget's window: what was spent and what processes' leases hold (in-flight calls and spare room). */
export interface BudgetWindow {
  spentMicroUsd: number;
  reservedMicroUsd: number;
  alertedAt: string | null;
}

/** Which window of which budget a lease or a reading is for. */
export interface WindowRef {
  budgetId: string;
  windowStart: string;
}

/** Stores budgets and reads their windows; `budget-leases.ts` moves money through the windows. */
export interface BudgetsRepository {
  list(): Promise<BudgetRecord[]>;
  /** Inserts a budget, or updates the limit, mode and unpriced policy of the one with its id. */
  upsert(budget: BudgetRecord): Promise<void>;
  /** Deletes a budget and its windows; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Deletes config budgets whose ids are not listed (they left strata.yaml). */
  pruneConfig(keep: readonly string[]): Promise<void>;
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
      await db.deleteFrom('budget_leases').where('budget_id', '=', id).execute();
      return deleted.numDeletedRows > 0n;
    },
    async pruneConfig(keep) {
      let stale = db.selectFrom('budgets').select('id').where('source', '=', 'config');
      if (keep.length > 0) stale = stale.where('id', 'not in', keep);
      for (const { id } of await stale.execute()) await this.remove(id);
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
