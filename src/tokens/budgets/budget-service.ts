import { createHash } from 'node:crypto';
import type { BudgetConfig } from '../../config/schema.js';
import { newId } from '../../core/ids.js';
import type { BudgetLeases } from '../../store/budget-leases.js';
import type {
  BudgetRecord,
  BudgetsRepository,
  BudgetWindow,
  WindowRef,
} from '../../store/budgets-repository.js';
import { type BudgetAlert, createLeaseBook } from './lease-book.js';
import { toMicroUsd } from './micro-usd.js';
import { windowStart } from './window-start.js';

/** What a budget can match a call on. */
export interface CallFacts {
  keyId: string;
  /** The key's name as `strata keys list` shows it (a config key's `name`); a key budget matches it too. */
  keyName?: string | null | undefined;
  team: string | null;
  user: string | undefined;
  tags: readonly string[];
  model: string;
}

export { describeBudget } from './describe-budget.js';
export type { BudgetAlert } from './lease-book.js';

/** Money held in the windows of every budget that matched a call, until the call settles. */
export interface Reservation {
  /** Charges `actualMicroUsd` to each window and gives the hold back (in memory); 0 releases it. */
  settle(actualMicroUsd: number): Promise<void>;
}

/** A reservation, or the hard budget that had no room for it. */
export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; budget: BudgetRecord };

/** Budgets from config and the admin API, their matching, and reservations against their windows. */
export interface BudgetService {
  /**
   * Upserts the configured budgets (stable ids), drops config budgets no longer configured, and gives
   * back the room of expired leases (a stopped process's), as it then keeps doing every `ttlMs / 2`.
   */
  sync(): Promise<void>;
  list(): Promise<BudgetRecord[]>;
  create(input: BudgetConfig): Promise<BudgetRecord>;
  /** Changes the limit, mode or unpriced policy of a budget, keeping its window's spend; undefined when unknown. */
  update(
    id: string,
    changes: Partial<Pick<BudgetConfig, 'limit_usd' | 'mode' | 'unpriced'>>,
  ): Promise<BudgetRecord | undefined>;
  remove(id: string): Promise<boolean>;
  /** The budgets that apply to a call, from a cache refreshed every `refreshMs`. */
  applicable(facts: CallFacts): Promise<BudgetRecord[]>;
  /**
   * Reserves `amountMicroUsd` in every budget's current window; all or nothing for hard budgets. Holds
   * come from room this process leased from the store, so most calls reserve without any I/O.
   */
  reserve(budgets: readonly BudgetRecord[], amountMicroUsd: number): Promise<ReserveResult>;
  /**
   * The budget's current window (zeros before its first call), after this process's settled spend is
   * stored; `reservedMicroUsd` is what in-flight calls hold here plus the room other processes lease.
   */
  currentWindow(budget: BudgetRecord): Promise<WindowRef & BudgetWindow>;
  /** Gives back the room of leases whose owners stopped renewing them; returns how many. */
  reclaimExpired(): Promise<number>;
  /** Stores settled spend and gives every lease back; call once in-flight calls have settled. */
  close(): Promise<void>;
}

/** Options of the budget service. */
export interface BudgetServiceOptions {
  repository: BudgetsRepository;
  leases: BudgetLeases;
  configured: readonly BudgetConfig[];
  now?: () => Date;
  /** How long the list of budgets is cached; other replicas' admin changes show up within it. */
  refreshMs?: number;
  /** How long a lease lives unless renewed: a killed process's room comes back within it (30 s). */
  leaseTtlMs?: number;
  /** How often settled spend is stored and idle leases given back (100 ms): what a crash can lose. */
  syncIntervalMs?: number;
  warn?: (message: string) => void;
  /** Called once when a window goes past its limit; the warning is logged either way. */
  onAlert?: (alert: BudgetAlert) => void;
  onError?: (error: unknown) => void;
}

/** A config budget's id: a hash of what it applies to, so editing its limit keeps its spend. */
export function configBudgetId(budget: Pick<BudgetConfig, 'scope' | 'match' | 'period'>): string {
  const digest = createHash('sha256').update(`${budget.scope}\n${budget.match ?? ''}\n${budget.period}`);
  return `bud_cfg_${digest.digest('hex').slice(0, 20)}`;
}

function recordOf(input: BudgetConfig, id: string, source: BudgetRecord['source']): BudgetRecord {
  return {
    id,
    scope: input.scope,
    match: input.scope === 'global' ? null : (input.match ?? null),
    period: input.period,
    limitMicroUsd: toMicroUsd(input.limit_usd),
    mode: input.mode,
    unpriced: input.unpriced,
    source,
    createdAt: new Date().toISOString(),
  };
}

function applies(budget: BudgetRecord, facts: CallFacts): boolean {
  switch (budget.scope) {
    case 'global':
      return true;
    case 'key':
      return facts.keyId === budget.match || (facts.keyName != null && facts.keyName === budget.match);
    case 'team':
      return facts.team === budget.match;
    case 'user':
      return facts.user === budget.match;
    case 'tag':
      return budget.match !== null && facts.tags.includes(budget.match);
    case 'model':
      return facts.model === budget.match;
  }
}

/** Builds the budget service over its repository. */
export function createBudgetService(options: BudgetServiceOptions): BudgetService {
  const { repository } = options;
  const now = options.now ?? (() => new Date());
  const refreshMs = options.refreshMs ?? 5000;
  const warn = options.warn ?? console.warn;
  const onError = options.onError ?? console.error;
  const ttlMs = options.leaseTtlMs ?? 30_000;
  const book = createLeaseBook({
    leases: options.leases,
    owner: `${process.pid}-${newId('lease')}`,
    now,
    ttlMs,
    syncIntervalMs: options.syncIntervalMs ?? 100,
    warn,
    onAlert: options.onAlert ?? (() => {}),
    onError,
  });
  let reconciler: NodeJS.Timeout | undefined;
  const reclaimExpired = () => options.leases.reclaimExpired(now().toISOString());
  let cache: { at: number; budgets: Promise<BudgetRecord[]> } | undefined;
  const cached = () => {
    if (cache === undefined || performance.now() - cache.at > refreshMs) {
      cache = { at: performance.now(), budgets: repository.list() };
    }
    return cache.budgets;
  };
  const windowOf = (budget: BudgetRecord): WindowRef => ({
    budgetId: budget.id,
    windowStart: windowStart(budget.period, now()),
  });

  return {
    async sync() {
      const records = options.configured.map((input) => recordOf(input, configBudgetId(input), 'config'));
      for (const record of records) await repository.upsert(record);
      await repository.pruneConfig(records.map((record) => record.id));
      cache = undefined;
      await reclaimExpired();
      reconciler ??= setInterval(() => reclaimExpired().catch(onError), ttlMs / 2).unref();
    },
    list: () => repository.list(),
    async create(input) {
      const record = recordOf(input, newId('bud'), 'api');
      await repository.upsert(record);
      cache = undefined;
      return record;
    },
    async update(id, changes) {
      const existing = (await repository.list()).find((budget) => budget.id === id);
      if (!existing) return undefined;
      const record: BudgetRecord = {
        ...existing,
        ...(changes.limit_usd !== undefined && { limitMicroUsd: toMicroUsd(changes.limit_usd) }),
        ...(changes.mode !== undefined && { mode: changes.mode }),
        ...(changes.unpriced !== undefined && { unpriced: changes.unpriced }),
      };
      await repository.upsert(record);
      cache = undefined;
      return record;
    },
    async remove(id) {
      cache = undefined;
      return repository.remove(id);
    },
    async applicable(facts) {
      return (await cached()).filter((budget) => applies(budget, facts));
    },
    async reserve(budgets, amount) {
      const held: Array<{ budget: BudgetRecord; ref: WindowRef }> = [];
      const settleAll = async (actual: number) => {
        for (const { budget, ref } of held) book.settle(budget, ref, amount, actual);
      };
      for (const budget of budgets) {
        const ref = windowOf(budget);
        if (!(await book.hold(budget, ref, amount))) {
          await settleAll(0);
          return { ok: false, budget };
        }
        held.push({ budget, ref });
      }
      return { ok: true, reservation: { settle: settleAll } };
    },
    async currentWindow(budget) {
      const ref = windowOf(budget);
      const spare = await book.flush(ref);
      const window = (await repository.window(ref)) ?? {
        spentMicroUsd: 0,
        reservedMicroUsd: 0,
        alertedAt: null,
      };
      return { ...ref, ...window, reservedMicroUsd: Math.max(0, window.reservedMicroUsd - spare) };
    },
    reclaimExpired,
    async close() {
      if (reconciler !== undefined) clearInterval(reconciler);
      await book.close();
    },
  };
}
