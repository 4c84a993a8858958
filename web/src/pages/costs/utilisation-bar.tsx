import { usd } from '../../format.js';

/** How much of a limit is used: a meter with the numbers written beside it. */
export function UtilisationBar({ label, used, limit }: { label: string; used: number; limit: number }) {
  const fraction = limit > 0 ? Math.min(used / limit, 1) : 0;
  const level = fraction >= 1 ? 'over' : fraction >= 0.8 ? 'near' : 'fine';
  return (
    <div className="utilisation">
      <meter
        aria-label={label}
        min={0}
        max={limit}
        low={limit * 0.8}
        high={limit * 0.99}
        optimum={0}
        value={used}
      />
      <span className={`utilisation-text ${level}`}>
        {usd(used)} of {usd(limit)} ({Math.round(fraction * 100)}%)
        {level === 'over' ? ' — limit reached' : ''}
        {level === 'near' ? ' — nearly used' : ''}
      </span>
    </div>
  );
}
