/** The periods the overview and the costs can show. */
export const periods = {
  '1h': { label: 'Last hour', ms: 3_600_000, bucket: 'minute' },
  '24h': { label: 'Last 24 hours', ms: 86_400_000, bucket: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000, bucket: 'day' },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000, bucket: 'day' },
} as const;

/** A period's name. */
export type Period = keyof typeof periods;

/** Chooses the period a page shows. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  return (
    <label className="inline-field">
      Period{' '}
      <select value={value} onChange={(event) => onChange(event.target.value as Period)}>
        {Object.entries(periods).map(([key, period]) => (
          <option key={key} value={key}>
            {period.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The ISO start of a period, rounded down to the minute so the query stays the same while it is shown. */
export function periodStart(period: Period): string {
  const start = Date.now() - periods[period].ms;
  return new Date(start - (start % 60_000)).toISOString();
}
