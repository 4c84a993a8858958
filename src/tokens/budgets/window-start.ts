/** How often a budget resets; `total` never does. */
export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total';

/** The epoch start every `total` budget shares: one window forever. */
const forever = new Date(0).toISOString();

/**
 * The start of the window `now` falls in, in UTC, as an ISO timestamp: midnight for `daily`, Monday
 * midnight for `weekly`, the first of the month for `monthly`. A new window is a new row, so resets
 * need no job.
 */
export function windowStart(period: BudgetPeriod, now: Date): string {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = now.getUTCDate();
  switch (period) {
    case 'daily':
      return new Date(Date.UTC(year, month, day)).toISOString();
    case 'weekly': {
      // getUTCDay() counts from Sunday; ISO weeks start on Monday.
      const sinceMonday = (now.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(year, month, day - sinceMonday)).toISOString();
    }
    case 'monthly':
      return new Date(Date.UTC(year, month, 1)).toISOString();
    case 'total':
      return forever;
  }
}
