import { StrataError } from '../core/errors.js';

/** A time window, ISO timestamps, both ends inclusive. */
export interface ValueWindow {
  from: string;
  to: string;
}

const units: Record<string, number> = { h: 3_600_000, d: 86_400_000 };

/**
 * The window a report covers: `period` (such as `30d` or `12h`) back from `to` (default now), or an
 * explicit `from`; 30 days when neither is given. Dates are ISO; a bare `to` date includes that day.
 */
export function windowOf(
  input: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  now = new Date(),
): ValueWindow {
  const to = input.to === undefined ? now : endOf(input.to);
  let from: Date;
  if (input.from !== undefined) from = new Date(input.from);
  else {
    const match = /^(\d{1,4})([hd])$/.exec(input.period ?? '30d');
    const unit = match && units[match[2] ?? ''];
    if (!match || unit === undefined || unit === null)
      throw new StrataError('invalid_request', `A period such as 30d or 12h, got \`${input.period}\`.`, {
        param: 'period',
      });
    from = new Date(to.getTime() - Number(match[1]) * unit);
  }
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to)
    throw new StrataError('invalid_request', 'The window needs ISO dates with `from` before `to`.', {
      param: 'from',
    });
  return { from: from.toISOString(), to: to.toISOString() };
}

function endOf(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(Date.parse(`${value}T23:59:59.999Z`));
  return new Date(value);
}
