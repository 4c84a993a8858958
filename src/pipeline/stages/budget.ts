import { StrataError } from '../../core/errors.js';
import type { WireUsage } from '../../core/types.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelRegistry, ResolvedModel } from '../../models/model-registry.js';
import { type Route, reachableGroups } from '../../routing/plan.js';
import type { Router } from '../../routing/router.js';
import type { BudgetRecord } from '../../store/budgets-repository.js';
import { type BudgetService, describeBudget, type Reservation } from '../../tokens/budgets/budget-service.js';
import { toMicroUsd } from '../../tokens/budgets/micro-usd.js';
import { type PromptCount, worstCaseUsd } from '../../tokens/budgets/worst-case.js';
import { routedCostUsd } from '../attempt-rows.js';
import { attributionOf } from '../attribution.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';
import type { Pricer } from '../pricing.js';

/** What the budget stage reads and writes. */
export interface BudgetStageDeps {
  budgets: BudgetService;
  models: ModelRegistry;
  catalog: Catalog;
  price: Pricer;
  /** The compiled routes: a call to a route reserves the worst case of what it may reach. */
  router?: Router | undefined;
  onError?: (error: unknown) => void;
}

/** The worst case of one model answering the call, in USD; undefined without a catalog price. */
function modelWorstCase(
  deps: BudgetStageDeps,
  call: ChatCall,
  resolved: ResolvedModel,
  count: PromptCount,
): number | undefined {
  const entry = deps.catalog.find(resolved.provider, resolved.upstreamModel);
  if (!entry) return undefined;
  const model = {
    providerKind: resolved.provider.kind,
    upstreamModel: resolved.upstreamModel,
    price: entry.price,
    maxOutput: entry.maxOutput,
  };
  return worstCaseUsd(call.request, model, count);
}

/**
 * The worst case of a routed call: for each step that may run (one for a plan, one per cascade tier),
 * its dearest reachable model, twice when a hedge may run two at once. Undefined when any is unpriced.
 */
function routeWorstCase(
  deps: BudgetStageDeps,
  call: ChatCall,
  route: Route,
  count: PromptCount,
): number | undefined {
  let total = 0;
  for (const group of reachableGroups(route)) {
    let dearest = 0;
    for (const leaf of group) {
      const usd = modelWorstCase(deps, call, leaf.resolved, count);
      if (usd === undefined) return undefined;
      dearest = Math.max(dearest, usd);
    }
    total += route.options.hedge ? 2 * dearest : dearest;
  }
  return total;
}

/** The worst-case price of a call in micro-dollars, or undefined when a model it may reach has no price. */
function worstCase(deps: BudgetStageDeps, call: ChatCall, count: PromptCount): number | undefined {
  const route = deps.router?.routes.get(call.request.model);
  if (route) {
    const usd = routeWorstCase(deps, call, route, count);
    return usd === undefined ? undefined : toMicroUsd(usd);
  }
  const resolved = deps.models.resolve(call.request.model);
  const usd = resolved && modelWorstCase(deps, call, resolved, count);
  return usd === undefined ? undefined : toMicroUsd(usd);
}

/**
 * Holds the worst-case cost of a chat call in every matching budget before it runs, and settles the
 * hold to the actual cost afterwards (streams when their summary settles). A hard budget without room
 * refuses with 429 `budget_exceeded`; a soft one serves, flags its window and logs a warning. A model
 * without a catalog price is refused (400) while a budget applies, unless every matching budget says
 * `unpriced: allow`; then nothing is reserved or charged. Placed after record, so refusals are logged.
 * A store error fails the call rather than risk spending past a hard limit.
 */
export function budgetChat(deps: BudgetStageDeps): Stage<ChatCall, ChatOutcome> {
  const onError = deps.onError ?? console.error;
  return async (call, next) => {
    const { principal, request } = call;
    const budgets = await deps.budgets.applicable({
      ...attributionOf(principal, request),
      keyName: principal.keyName,
      model: request.model,
    });
    if (budgets.length === 0) return next();
    // The prompt's size bounds the hold without running a tokenizer; only a call that bound does not
    // fit is counted exactly, so a budget near its limit refuses no call that the exact count admits.
    const { reservation, amount } = await reserveOrRefuse(
      deps.budgets,
      budgets,
      worstCase(deps, call, 'bound'),
      request.model,
      () => worstCase(deps, call, 'exact'),
    );
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      // A routed call may have paid for attempts before it failed; a plain one was not billed.
      const paid = amount !== undefined && call.routing ? await routedCostUsd(call, deps.price) : null;
      await reservation.settle(paid === null ? 0 : toMicroUsd(paid)).catch(onError);
      throw thrown;
    }
    const actual = async (usage: WireUsage | undefined, body: unknown) => {
      if (amount === undefined) return 0;
      const cost = call.routing
        ? await routedCostUsd(call, deps.price)
        : deps.price(call.resolved, usage, body).costUsd;
      // No usage reported: the call may still have been billed, so it keeps its worst case (counted).
      return cost === null ? (worstCase(deps, call, 'exact') ?? amount) : toMicroUsd(cost);
    };
    if (outcome.kind === 'response') {
      await settle(reservation, await actual(outcome.response.usage, outcome.response), onError);
    } else {
      outcome.summary.then(
        async (summary) => settle(reservation, await actual(summary.usage, undefined), onError),
        onError,
      );
    }
    return outcome;
  };
}

/**
 * Holds `amount` (micro-dollars; undefined when the model has no price) in every applicable budget, or
 * refuses: 400 when the cost cannot be bounded and a budget says `unpriced: refuse`, 429
 * `budget_exceeded` when a hard budget has no room, for `amount` or, when given, the smaller `exact`
 * amount tried after it. Returns the reservation and the amount it holds.
 */
export async function reserveOrRefuse(
  service: BudgetService,
  budgets: readonly BudgetRecord[],
  amount: number | undefined,
  model: string,
  exact?: () => number | undefined,
): Promise<{ reservation: Reservation; amount: number | undefined }> {
  if (amount === undefined && budgets.some((budget) => budget.unpriced === 'refuse')) {
    throw new StrataError(
      'invalid_request',
      `The model \`${model}\` has no catalog price, and a budget applies to this call, so its cost cannot be bounded. Add its price under catalog.models in strata.yaml, or set unpriced: allow on the budget.`,
      { param: 'model' },
    );
  }
  let held = amount ?? 0;
  let result = await service.reserve(budgets, held);
  if (!result.ok && exact) {
    amount = exact();
    held = amount ?? 0;
    result = await service.reserve(budgets, held);
  }
  if (!result.ok) {
    const worst = (held / 1e6).toFixed(6);
    throw new StrataError(
      'budget_exceeded',
      `Budget ${result.budget.id} exceeded: the ${describeBudget(result.budget)} has no room for this call (up to $${worst}).`,
    );
  }
  return { reservation: result.reservation, amount };
}

function settle(reservation: Reservation, actual: number, onError: (error: unknown) => void): Promise<void> {
  return reservation.settle(actual).catch(onError);
}
