/** How often a budget resets; `total` never does. */
export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total';

/** A window's bounds in epoch milliseconds: it holds every moment from `start` up to `end`. */
function boundsOf(period: BudgetPeriod, now: Date): { start: number; end: number } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = now.getUTCDate();
  switch (period) {
    case 'daily':
      return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
    case 'weekly': {
      // getUTCDay() counts from Sunday; ISO weeks start on Monday.
      const monday = day - ((now.getUTCDay() + 6) % 7);
      return { start: Date.UTC(year, month, monday), end: Date.UTC(year, month, monday + 7) };
    }
    case 'monthly':
      return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
    case 'total':
      return { start: 0, end: Number.POSITIVE_INFINITY };
  }
}

// Every call asks for its budgets' windows; each period's current one is kept until the clock leaves it.
const current = new Map<BudgetPeriod, { start: number; end: number; text: string }>();

/**
 * The start of the window `now` falls in, in UTC, as an ISO timestamp: midnight for `daily`, Monday
 * midnight for `weekly`, the first of the month for `monthly`, the epoch for `total`. A new window is a
 * new row, so resets need no job.
 */
export function windowStart(period: BudgetPeriod, now: Date): string {
  const at = now.getTime();
  const known = current.get(period);
  if (known !== undefined && at >= known.start && at < known.end) return known.text;
  const bounds = boundsOf(period, now);
  const window = { ...bounds, text: new Date(bounds.start).toISOString() };
  current.set(period, window);
  return window.text;
}
