import { type Kysely, sql, type Transaction } from 'kysely';
import type { WindowRef } from './budgets-repository.js';
import type { Schema } from './schema.js';

/** What one process asks of its lease on a budget window in one sync. */
export interface LeaseRequest {
  /** The leasing process's instance id. */
  owner: string;
  /** Spend settled against the lease since the last sync: it moves from the lease to the window's spent. */
  spent: number;
  /** Room the lease should hold after the sync: less gives the difference back, more asks for it. */
  target: number;
  /** The least room the lease must hold after the sync; a hard window without it grants nothing. */
  minimum: number;
  limit: number;
  /** Grant up to `minimum` even past the limit (a soft budget), flagging the window. */
  overdraw: boolean;
  expiresAt: string;
  now: string;
}

/** The lease and its window after a sync. */
export interface LeaseResult {
  /** Room the lease holds now. */
  leased: number;
  /** False when a hard window had no room for `minimum` (the lease then keeps what it had). */
  ok: boolean;
  /** True when this sync granted room past the limit (soft budgets). */
  overdrawn: boolean;
  /** True when this sync flagged the window as over its limit. */
  alerted: boolean;
  spentMicroUsd: number;
  reservedMicroUsd: number;
}

/** Leases on budget windows: each moves money between a window and one process in one transaction. */
export interface BudgetLeases {
  /** Moves settled spend to the window, then grows, keeps or shrinks the lease, and renews it. */
  sync(window: WindowRef, request: LeaseRequest): Promise<LeaseResult>;
  /** Gives back the room of leases whose owners stopped renewing them; returns how many. */
  reclaimExpired(now: string): Promise<number>;
}

/**
 * Locks the window row (creating it if needed) and reads it. The no-op update takes the row lock on
 * PostgreSQL and the write lock on SQLite, so the rest of the transaction works on values no other
 * process can change until it commits.
 */
async function lockWindow(trx: Transaction<Schema>, ref: WindowRef) {
  await trx
    .insertInto('budget_windows')
    .values({
      budget_id: ref.budgetId,
      window_start: ref.windowStart,
      spent_microusd: 0,
      reserved_microusd: 0,
    })
    .onConflict((conflict) => conflict.columns(['budget_id', 'window_start']).doNothing())
    .execute();
  const row = await trx
    .updateTable('budget_windows')
    .set({ reserved_microusd: sql<number>`reserved_microusd` })
    .where('budget_id', '=', ref.budgetId)
    .where('window_start', '=', ref.windowStart)
    .returning(['spent_microusd', 'reserved_microusd', 'alerted_at'])
    .executeTakeFirstOrThrow();
  return {
    spent: Number(row.spent_microusd),
    reserved: Number(row.reserved_microusd),
    alertedAt: row.alerted_at,
  };
}

function leaseOf(trx: Transaction<Schema>, ref: WindowRef, owner: string) {
  return trx
    .selectFrom('budget_leases')
    .select(['amount_microusd', 'expires_at'])
    .where('budget_id', '=', ref.budgetId)
    .where('window_start', '=', ref.windowStart)
    .where('owner', '=', owner)
    .executeTakeFirst();
}

/** How much room to grant: what is wanted, but never more than half the free room unless needed. */
function grantOf(
  request: LeaseRequest,
  lease: number,
  window: { spent: number; reserved: number },
): { grant: number; ok: boolean } {
  const wanted = request.target - lease;
  const needed = Math.max(0, request.minimum - lease);
  // A hard window whose spend went past its limit refuses every new hold until it is back under.
  if (!request.overdraw && window.spent > request.limit && request.minimum > 0) {
    return { grant: Math.min(0, wanted), ok: false };
  }
  if (wanted <= 0) return { grant: wanted, ok: true };
  const room = request.limit - window.spent - window.reserved;
  if (needed > Math.max(0, room)) {
    return request.overdraw ? { grant: needed, ok: true } : { grant: 0, ok: false };
  }
  // Half of what is free leaves the rest for other processes; a lone process asks again sooner.
  return { grant: Math.max(0, Math.min(wanted, Math.max(needed, Math.floor(room / 2)))), ok: true };
}

/** Builds the leases over a Kysely database of either dialect. */
export function createBudgetLeases(db: Kysely<Schema>): BudgetLeases {
  const writeLease = async (
    trx: Transaction<Schema>,
    ref: WindowRef,
    owner: string,
    amount: number,
    expiresAt: string,
  ) => {
    const key = trx
      .deleteFrom('budget_leases')
      .where('budget_id', '=', ref.budgetId)
      .where('window_start', '=', ref.windowStart)
      .where('owner', '=', owner);
    if (amount === 0) return void (await key.execute());
    await trx
      .insertInto('budget_leases')
      .values({
        budget_id: ref.budgetId,
        window_start: ref.windowStart,
        owner,
        amount_microusd: amount,
        expires_at: expiresAt,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['budget_id', 'window_start', 'owner'])
          .doUpdateSet({ amount_microusd: amount, expires_at: expiresAt }),
      )
      .execute();
  };

  return {
    sync(ref, request) {
      // SQLite would store a fraction as a REAL and every later sum would drift.
      for (const amount of [request.spent, request.target, request.minimum, request.limit]) {
        if (!Number.isSafeInteger(amount))
          throw new Error(`A lease moves whole micro-dollars, not ${amount}.`);
      }
      return db.transaction().execute(async (trx) => {
        const window = await lockWindow(trx, ref);
        const stored = await leaseOf(trx, ref, request.owner);
        // A lease reclaimed while its owner was stalled holds nothing: its room went back already.
        const before = stored === undefined ? 0 : Number(stored.amount_microusd);
        const moved = Math.min(request.spent, before);
        const spent = window.spent + request.spent;
        let reserved = window.reserved - moved;
        const lease = before - moved;
        const { grant, ok } = grantOf(request, lease, { spent, reserved });
        reserved += grant;
        const overdrawn = grant > 0 && spent + reserved > request.limit;
        const alerted = window.alertedAt === null && (overdrawn || spent > request.limit);
        await trx
          .updateTable('budget_windows')
          .set({
            spent_microusd: spent,
            reserved_microusd: reserved,
            ...(alerted && { alerted_at: request.now }),
          })
          .where('budget_id', '=', ref.budgetId)
          .where('window_start', '=', ref.windowStart)
          .execute();
        await writeLease(trx, ref, request.owner, lease + grant, request.expiresAt);
        return {
          leased: lease + grant,
          ok,
          overdrawn,
          alerted,
          spentMicroUsd: spent,
          reservedMicroUsd: reserved,
        };
      });
    },
    async reclaimExpired(now) {
      const expired = await db
        .selectFrom('budget_leases')
        .select(['budget_id', 'window_start', 'owner'])
        .where('expires_at', '<', now)
        .execute();
      let reclaimed = 0;
      for (const row of expired) {
        const ref = { budgetId: row.budget_id, windowStart: row.window_start };
        reclaimed += await db.transaction().execute(async (trx) => {
          const window = await lockWindow(trx, ref);
          // Read again under the lock: the owner may have renewed it since.
          const lease = await leaseOf(trx, ref, row.owner);
          if (lease === undefined || lease.expires_at >= now) return 0;
          await writeLease(trx, ref, row.owner, 0, now);
          await trx
            .updateTable('budget_windows')
            .set({ reserved_microusd: window.reserved - Number(lease.amount_microusd) })
            .where('budget_id', '=', ref.budgetId)
            .where('window_start', '=', ref.windowStart)
            .execute();
          return 1;
        });
      }
      return reclaimed;
    },
  };
}
