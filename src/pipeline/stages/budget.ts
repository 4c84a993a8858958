import { StrataError } from '../../core/errors.js';
import type { WireUsage } from '../../core/types.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelRegistry, ResolvedModel } from '../../models/model-registry.js';
import { reachableGroups } from '../../routing/plan.js';
import type { Router } from '../../routing/router.js';
import { type BudgetService, describeBudget, type Reservation } from '../../tokens/budgets/budget-service.js';
import { toMicroUsd } from '../../tokens/budgets/micro-usd.js';
import { worstCaseUsd } from '../../tokens/budgets/worst-case.js';
import { attemptRows } from '../attempt-rows.js';
import { attributionOf } from '../attribution.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';
import type { Pricer } from '../pricing.js';

/** What the budget stage reads and writes. */
export interface BudgetStageDeps {
  budgets: BudgetService;
  models: ModelRegistry;
  catalog: Catalog;
  price: Pricer;
  /** Routes: a routed call holds the worst case of the models its route can reach. */
  router?: Router | undefined;
  onError?: (error: unknown) => void;
}

/** The worst-case price of a call on one model in micro-dollars, or undefined when it has no catalog price. */
function worstCaseOn(deps: BudgetStageDeps, call: ChatCall, resolved: ResolvedModel): number | undefined {
  const entry = deps.catalog.find(resolved.provider.kind, resolved.upstreamModel);
  if (!entry) return undefined;
  const usd = worstCaseUsd(call.request, {
    providerKind: resolved.provider.kind,
    upstreamModel: resolved.upstreamModel,
    price: entry.price,
    maxOutput: entry.maxOutput,
  });
  return toMicroUsd(usd);
}

/**
 * The worst-case price of a call in micro-dollars, or undefined when a model it may reach has no catalog
 * price. A route holds its dearest model's worst case, once per step that may run (each cascade tier).
 */
function worstCase(deps: BudgetStageDeps, call: ChatCall): number | undefined {
  const route = deps.router?.routes.get(call.request.model);
  if (route) {
    let total = 0;
    for (const group of reachableGroups(route)) {
      const costs = group.map((leaf) => worstCaseOn(deps, call, leaf.resolved));
      if (costs.some((cost) => cost === undefined)) return undefined;
      total += Math.max(0, ...(costs as number[]));
    }
    return total;
  }
  const resolved = deps.models.resolve(call.request.model);
  return resolved && worstCaseOn(deps, call, resolved);
}

/** What a routed call's attempts cost together, in micro-dollars; null when none could be priced. */
async function routedCost(deps: BudgetStageDeps, call: ChatCall): Promise<number | null> {
  const routing = call.routing;
  if (!routing) return null;
  await routing.log.done();
  const cost = attemptRows(call, routing.log.records, deps.price).total.costUsd;
  return cost === null ? null : toMicroUsd(cost);
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
      model: request.model,
    });
    if (budgets.length === 0) return next();
    const amount = worstCase(deps, call);
    if (amount === undefined && budgets.some((budget) => budget.unpriced === 'refuse')) {
      throw new StrataError(
        'invalid_request',
        `The model \`${request.model}\` has no catalog price, and a budget applies to this call, so its cost cannot be bounded. Add its price under catalog.models in strata.yaml, or set unpriced: allow on the budget.`,
        { param: 'model' },
      );
    }
    const held = amount ?? 0;
    const result = await deps.budgets.reserve(budgets, held);
    if (!result.ok) {
      const worst = (held / 1e6).toFixed(6);
      throw new StrataError(
        'budget_exceeded',
        `Budget ${result.budget.id} exceeded: the ${describeBudget(result.budget)} has no room for this call (up to $${worst}).`,
      );
    }
    const { reservation } = result;
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      // A routed call may have been billed for attempts before it failed (e.g. a filtered answer).
      const spent = amount === undefined ? 0 : ((await routedCost(deps, call).catch(() => null)) ?? 0);
      await reservation.settle(spent).catch(onError);
      throw thrown;
    }
    const actual = (usage: WireUsage | undefined, body: unknown) => {
      if (amount === undefined) return 0;
      const cost = deps.price(call.resolved, usage, body).costUsd;
      // No usage reported: the call may still have been billed, so it keeps its worst case.
      return cost === null ? amount : toMicroUsd(cost);
    };
    if (call.routing) {
      // Every attempt of a routed call counts: retries, fallbacks, hedges, escalations and judges.
      const settled = outcome.kind === 'response' ? Promise.resolve() : outcome.summary;
      const done = settled
        .then(() => routedCost(deps, call))
        .then((cost) => settle(reservation, amount === undefined ? 0 : (cost ?? amount), onError), onError);
      if (outcome.kind === 'response') await done;
    } else if (outcome.kind === 'response') {
      await settle(reservation, actual(outcome.response.usage, outcome.response), onError);
    } else {
      outcome.summary.then(
        (summary) => settle(reservation, actual(summary.usage, undefined), onError),
        onError,
      );
    }
    return outcome;
  };
}

function settle(reservation: Reservation, actual: number, onError: (error: unknown) => void): Promise<void> {
  return reservation.settle(actual).catch(onError);
}
