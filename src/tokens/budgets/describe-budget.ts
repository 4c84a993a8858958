import type { BudgetRecord } from '../../store/budgets-repository.js';

/** A budget in words, for messages: `daily budget of $5.00 for key key_123`, `total budget of $0.25 across the gateway`. */
export function describeBudget(budget: BudgetRecord): string {
  const usd = budget.limitMicroUsd / 1e6;
  const limit = `$${usd >= 1 ? usd.toFixed(2) : String(usd)}`;
  const target = budget.scope === 'global' ? 'across the gateway' : `for ${budget.scope} ${budget.match}`;
  return `${budget.period} budget of ${limit} ${target}`;
}
