import { createHash } from 'node:crypto';
import type { BudgetConfig } from '../../config/schema.js';
import { newId } from '../../core/ids.js';
import type {
  BudgetRecord,
  BudgetsRepository,
  BudgetWindow,
  WindowRef,
} from '../../store/budgets-repository.js';
import { toMicroUsd } from './micro-usd.js';
import { windowStart } from './window-start.js';

/** What a budget can match a call on. */
export interface CallFacts {
  keyId: string;
  team: string | null;
  user: string | undefined;
  tags: readonly string[];
  model: string;
}

/** Money held in the windows of every budget that matched a call, until the call settles. */
export interface Reservation {
  /** Charges `actualMicroUsd` to each window and gives the hold back; 0 releases the reservation. */
  settle(actualMicroUsd: number): Promise<void>;
}

/** A reservation, or the hard budget that had no room for it. */
export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; budget: BudgetRecord };

/** Budgets from config and the admin API, their matching, and reservations against their windows. */
export interface BudgetService {
  /** Upserts the configured budgets (stable ids) and drops config budgets no longer configured. */
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
  /** Reserves `amountMicroUsd` in every budget's current window; all or nothing for hard budgets. */
  reserve(budgets: readonly BudgetRecord[], amountMicroUsd: number): Promise<ReserveResult>;
  /** The budget's current window and what it holds (zeros before its first call). */
  currentWindow(budget: BudgetRecord): Promise<WindowRef & BudgetWindow>;
}

/** Options of the budget service. */
export interface BudgetServiceOptions {
  repository: BudgetsRepository;
  configured: readonly BudgetConfig[];
  now?: () => Date;
  /** How long the list of budgets is cached; other replicas' admin changes show up within it. */
  refreshMs?: number;
  warn?: (message: string) => void;
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
      return facts.keyId === budget.match;
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
      const held: WindowRef[] = [];
      const settleAll = (actual: number) =>
        Promise.all(held.map((ref) => repository.settle(ref, amount, actual))).then(() => {});
      for (const budget of budgets) {
        const ref = windowOf(budget);
        if (await repository.reserve(ref, amount, budget.limitMicroUsd)) {
          held.push(ref);
          continue;
        }
        if (budget.mode === 'hard') {
          await settleAll(0);
          return { ok: false, budget };
        }
        await repository.reserveOver(ref, amount, budget.limitMicroUsd, now().toISOString());
        held.push(ref);
        warn(`Soft budget ${budget.id} (${describeBudget(budget)}) is over its limit; the call is served.`);
      }
      return { ok: true, reservation: { settle: settleAll } };
    },
    async currentWindow(budget) {
      const ref = windowOf(budget);
      const window = await repository.window(ref);
      return { ...ref, ...(window ?? { spentMicroUsd: 0, reservedMicroUsd: 0, alertedAt: null }) };
    },
  };
}

/** A budget in words, for messages: `daily budget of $5.00 for key key_123`, `total budget of $0.25 across the gateway`. */
export function describeBudget(budget: BudgetRecord): string {
  const usd = budget.limitMicroUsd / 1e6;
  const limit = `$${usd >= 1 ? usd.toFixed(2) : String(usd)}`;
  const target = budget.scope === 'global' ? 'across the gateway' : `for ${budget.scope} ${budget.match}`;
  return `${budget.period} budget of ${limit} ${target}`;
}
