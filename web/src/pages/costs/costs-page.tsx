import { useState } from 'react';
import { spendDimensions } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { type Period, PeriodPicker, periodStart } from '../../components/period-picker.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { BudgetList } from './budget-list.js';
import { SpendTable } from './spend-table.js';

/** Spend grouped by team, key, user, model, tag or day, and the budgets with their utilisation. */
export default function CostsPage() {
  const { api } = useSignedIn();
  const [period, setPeriod] = useState<Period>('30d');
  const [groupBy, setGroupBy] = useState<string>('model');
  const spend = useLoad(() => api.spend(groupBy, periodStart(period)), [api, groupBy, period]);
  return (
    <>
      <div className="page-heading">
        <h1>Costs and budgets</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
        <label className="inline-field">
          Group by{' '}
          <select value={groupBy} onChange={(event) => setGroupBy(event.target.value)}>
            {spendDimensions.map((dimension) => (
              <option key={dimension} value={dimension}>
                {dimension}
              </option>
            ))}
          </select>
        </label>
      </div>
      <section aria-labelledby="spend-heading">
        <h2 id="spend-heading">Spend by {groupBy}</h2>
        <LoadedView loaded={spend}>{(rows) => <SpendTable rows={rows} dimension={groupBy} />}</LoadedView>
      </section>
      <BudgetList />
    </>
  );
}
