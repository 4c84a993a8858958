import type { Saving } from '../../api.js';
import { usd } from '../../format.js';

const names: Record<string, string> = {
  cache: 'Response cache',
  routing: 'Routing, against the baseline model',
  cascade: 'Cascades, against their top tier',
};

/** Each saving beside the assumption it rests on. */
export function SavingsList({ savings }: { savings: Saving[] }) {
  return (
    <dl className="savings-list">
      {savings.map((saving) => (
        <div key={saving.kind}>
          <dt>
            {names[saving.kind] ?? saving.kind}: <strong>{usd(saving.saved_usd)}</strong> over{' '}
            {saving.requests} requests
          </dt>
          <dd>Assumption: {saving.assumption}</dd>
        </div>
      ))}
    </dl>
  );
}
