import type { BudgetLeases, LeaseResult } from '../../store/budget-leases.js';
import type { BudgetRecord, WindowRef } from '../../store/budgets-repository.js';
import { describeBudget } from './describe-budget.js';

/** A budget window that went past its limit, for whoever watches spending (logs, alerts). */
export interface BudgetAlert {
  budget: BudgetRecord;
  windowStart: string;
  spentMicroUsd: number;
  /** Spent plus what every process's lease holds. */
  committedMicroUsd: number;
  at: string;
}

/** Tuning and I/O of a lease book. */
export interface LeaseBookOptions {
  leases: BudgetLeases;
  /** This process's instance id, the owner of its leases. */
  owner: string;
  now: () => Date;
  /** How long a lease lives unless renewed: a stopped process's room comes back within it. */
  ttlMs: number;
  /** How often settled spend goes to the store and idle or stale leases are given back. */
  syncIntervalMs: number;
  warn: (message: string) => void;
  onAlert: (alert: BudgetAlert) => void;
  onError: (error: unknown) => void;
}

/** One budget window as this process sees it: the room its lease holds and what calls did with it. */
interface LocalWindow {
  budget: BudgetRecord;
  ref: WindowRef;
  /** Room the store's lease holds for this process, as of the last sync. */
  leased: number;
  /** What in-flight calls hold of it. */
  held: number;
  /** Spend settled since the last sync; still part of `leased` until the sync moves it to spent. */
  unsynced: number;
  /** What calls reserved since the last tick, and its moving average per tick, to size the lease. */
  used: number;
  rate: number;
  lastUsedAt: number;
  /** The spare room last asked for, and when (epoch ms). */
  slice: number;
  grantedAt: number;
  /** When the lease must be renewed (epoch ms). */
  renewAt: number;
  /** The window is past its limit: no call reserves from the local room until the store has room. */
  over: boolean;
  /** The smallest hold the store last had no room for, and until when that answer is trusted. */
  refused: { amount: number; until: number } | undefined;
  syncing: Promise<LeaseResult | undefined> | undefined;
  /** Set when the budget's limit or mode changed since the lease was granted under the old one. */
  changed: boolean;
}

/** Reservations against budget windows held in memory, backed by leases of room from the store. */
export interface LeaseBook {
  /** Holds `amount` in the window; false when a hard budget's store has no room for it. */
  hold(budget: BudgetRecord, ref: WindowRef, amount: number): Promise<boolean>;
  /** Gives back a hold and charges what the call cost instead. */
  settle(budget: BudgetRecord, ref: WindowRef, held: number, actual: number): void;
  /** Sends settled spend of one window to the store; returns the room this process holds unused. */
  flush(ref: WindowRef): Promise<number>;
  /** Stops syncing and gives every lease back, spend first. */
  close(): Promise<void>;
}

const keyOf = (ref: WindowRef) => `${ref.budgetId}\n${ref.windowStart}`;

/** Ticks without a reservation after which a lease's spare room goes back to the store. */
const idleTicks = 10;

/** Builds a lease book; its timer runs only while it holds windows. */
export function createLeaseBook(options: LeaseBookOptions): LeaseBook {
  const windows = new Map<string, LocalWindow>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const clock = () => options.now().getTime();
  const free = (window: LocalWindow) => window.leased - window.held - window.unsynced;

  function windowOf(budget: BudgetRecord, ref: WindowRef): LocalWindow {
    const key = keyOf(ref);
    let window = windows.get(key);
    if (window === undefined) {
      window = {
        budget,
        ref,
        leased: 0,
        held: 0,
        unsynced: 0,
        used: 0,
        rate: 0,
        lastUsedAt: clock(),
        slice: 0,
        grantedAt: 0,
        renewAt: 0,
        over: false,
        refused: undefined,
        syncing: undefined,
        changed: false,
      };
      windows.set(key, window);
      timer ??= setInterval(tick, options.syncIntervalMs).unref();
    }
    if (budget.limitMicroUsd !== window.budget.limitMicroUsd || budget.mode !== window.budget.mode)
      window.changed = true;
    window.budget = budget;
    return window;
  }

  /** One sync of a window's lease; callers wait on `syncing` instead of starting a second one. */
  function sync(window: LocalWindow, target: number, minimum: number): Promise<LeaseResult | undefined> {
    const spent = window.unsynced;
    const at = options.now();
    const run = options.leases
      .sync(window.ref, {
        owner: options.owner,
        spent,
        target: Math.max(target, minimum),
        minimum,
        limit: window.budget.limitMicroUsd,
        overdraw: window.budget.mode === 'soft',
        expiresAt: new Date(at.getTime() + options.ttlMs).toISOString(),
        now: at.toISOString(),
      })
      .then((result) => {
        window.unsynced -= spent;
        window.leased = result.leased;
        window.renewAt = at.getTime() + options.ttlMs / 3;
        window.over = result.spentMicroUsd > window.budget.limitMicroUsd;
        if (result.overdrawn) {
          options.warn(
            `Soft budget ${window.budget.id} (${describeBudget(window.budget)}) is over its limit; the call is served.`,
          );
        }
        if (result.alerted) alert(window, result, at);
        return result;
      })
      .finally(() => {
        window.syncing = undefined;
      });
    window.syncing = run;
    return run;
  }

  function alert(window: LocalWindow, result: LeaseResult, at: Date): void {
    const { budget } = window;
    if (budget.mode === 'hard') {
      options.warn(
        `Budget ${budget.id} (${describeBudget(budget)}) went past its limit: $${result.spentMicroUsd / 1e6} spent; calls are refused until it is back under.`,
      );
    }
    options.onAlert({
      budget,
      windowStart: window.ref.windowStart,
      spentMicroUsd: result.spentMicroUsd,
      committedMicroUsd: result.spentMicroUsd + result.reservedMicroUsd,
      at: at.toISOString(),
    });
  }

  function tick(): void {
    const now = clock();
    for (const [key, window] of windows) {
      window.rate = 0.7 * window.rate + 0.3 * window.used;
      if (window.used > 0) window.lastUsedAt = now;
      window.used = 0;
      if (window.syncing) continue;
      const idle = now - window.lastUsedAt >= idleTicks * options.syncIntervalMs;
      const spare = free(window) > 0 && (idle || window.over);
      if (window.leased === 0 && window.held === 0 && window.unsynced === 0) {
        if (idle) windows.delete(key);
        continue;
      }
      if (window.unsynced === 0 && !spare && now < window.renewAt) continue;
      // Idle or over: keep only what in-flight calls hold; otherwise keep the room not yet spent.
      const keep = spare ? window.held : window.leased - window.unsynced;
      sync(window, Math.max(0, keep), 0).catch(options.onError);
    }
    if (windows.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  return {
    async hold(budget, ref, amount) {
      if (closed) return false;
      const window = windowOf(budget, ref);
      window.used += amount;
      if (window.changed) {
        // Room leased under the old limit goes back first; the store grants again under the new one.
        window.changed = false;
        window.refused = undefined;
        await window.syncing?.catch(() => {});
        await sync(window, window.held, 0).catch(options.onError);
      }
      for (;;) {
        if (!window.over && free(window) >= amount) {
          window.held += amount;
          return true;
        }
        if (window.syncing) {
          await window.syncing.catch(() => {});
          continue;
        }
        const { refused } = window;
        if (refused !== undefined && amount >= refused.amount && clock() < refused.until) return false;
        // Ask for this call plus about a second of recent traffic, twice the last slice when that one
        // lasted less than a tick; the store caps it at half of what it can spare.
        const recent = clock() - window.grantedAt < options.syncIntervalMs ? 2 * window.slice : 0;
        const slice = Math.ceil(Math.max(4 * amount, window.rate * (1000 / options.syncIntervalMs), recent));
        window.slice = slice;
        window.grantedAt = clock();
        const minimum = window.held + amount;
        const result = await sync(window, minimum + slice, minimum);
        if (result === undefined) return false;
        if (!result.ok) {
          window.refused = { amount, until: clock() + options.syncIntervalMs };
          return false;
        }
        window.refused = undefined;
        if (free(window) >= amount) {
          window.held += amount;
          return true;
        }
      }
    },
    settle(budget, ref, held, actual) {
      // After close the leases are back in the store; a call still finishing cannot charge them.
      if (closed) return;
      const window = windowOf(budget, ref);
      window.held -= held;
      window.unsynced += actual;
      window.refused = undefined;
      // A call that cost more than it held ate into other calls' room: tell the store at once.
      if (actual > held && free(window) < 0 && !window.syncing) {
        sync(window, Math.max(window.held, window.leased - window.unsynced), 0).catch(options.onError);
      }
    },
    async flush(ref) {
      const window = windows.get(keyOf(ref));
      if (window === undefined) return 0;
      while (window.syncing) await window.syncing.catch(() => {});
      if (window.unsynced > 0) await sync(window, window.leased - window.unsynced, 0);
      return Math.max(0, free(window));
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      for (const window of windows.values()) {
        while (window.syncing) await window.syncing.catch(() => {});
        await sync(window, 0, 0).catch(options.onError);
      }
      windows.clear();
    },
  };
}
