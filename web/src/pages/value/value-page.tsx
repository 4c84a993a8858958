import { useState } from 'react';
import { valueDimensions } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { type Period, PeriodPicker, periodStart } from '../../components/period-picker.js';
import { StatTile } from '../../components/stat-tile.js';
import { percent, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { ExperimentList } from './experiment-list.js';
import { ReportButton } from './report-button.js';
import { SavingsList } from './savings-list.js';
import { SimulatorForm } from './simulator-form.js';
import { ValueTable } from './value-table.js';

const rate = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : percent(value);

/** What the AI spend bought: cost per successful outcome, value, ROI, savings, experiments and a simulator. */
export default function ValuePage() {
  const { api } = useSignedIn();
  const [period, setPeriod] = useState<Period>('30d');
  const [groupBy, setGroupBy] = useState<string>('model');
  const from = periodStart(period);
  const total = useLoad(() => api.value('total', from), [api, from]);
  const groups = useLoad(() => api.value(groupBy, from), [api, groupBy, from]);
  const savings = useLoad(() => api.savings(from), [api, from]);
  return (
    <>
      <div className="page-heading">
        <h1>Value</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
        <ReportButton from={from} />
      </div>
      <LoadedView loaded={total}>
        {([summary]) => (
          <dl className="stat-tiles">
            <StatTile label="Spend" value={usd(summary?.cost_usd ?? 0)} />
            <StatTile label="Value reported" value={usd(summary?.value_usd ?? 0)} />
            <StatTile
              label="Cost per successful outcome"
              value={summary?.cpso_usd == null ? '—' : usd(summary.cpso_usd)}
              detail="every attempt counted"
            />
            <StatTile
              label="Success rate"
              value={rate(summary?.success_rate)}
              detail={`${summary?.successes ?? 0} of ${summary?.outcomes ?? 0} outcomes`}
            />
            <StatTile label="ROI" value={rate(summary?.roi)} detail="(value − cost) / cost" />
          </dl>
        )}
      </LoadedView>
      <section aria-labelledby="value-heading">
        <div className="page-heading">
          <h2 id="value-heading">By {groupBy}</h2>
          <label className="inline-field">
            Group by{' '}
            <select value={groupBy} onChange={(event) => setGroupBy(event.target.value)}>
              {valueDimensions
                .filter((dimension) => dimension !== 'total')
                .map((dimension) => (
                  <option key={dimension} value={dimension}>
                    {dimension}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <LoadedView loaded={groups}>{(rows) => <ValueTable rows={rows} dimension={groupBy} />}</LoadedView>
      </section>
      <section aria-labelledby="savings-heading">
        <h2 id="savings-heading">Savings</h2>
        <LoadedView loaded={savings}>{(rows) => <SavingsList savings={rows} />}</LoadedView>
      </section>
      <ExperimentList />
      <SimulatorForm />
    </>
  );
}
