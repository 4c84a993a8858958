/**
 * Budgets count whole micro-dollars (1e-6 USD) in integers, so a window's sums and its limit check are
 * exact on both dialects. Costs come from the cost engine rounded to 1e-9 USD and are rounded UP to
 * the micro-dollar: a budget may count a fraction of a cent-millionth too much, never too little.
 */

/** USD to whole micro-dollars, rounding up. */
export function toMicroUsd(usd: number): number {
  const nano = Math.round(usd * 1e9);
  return Math.ceil(nano / 1000);
}

/** Whole micro-dollars to USD. */
export function fromMicroUsd(micro: number): number {
  return micro / 1e6;
}
