import { useState } from 'react';
import type { Experiment } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, duration, percent, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

const interval = (value: { low: number; high: number } | null, format: (value: number) => string) =>
  value === null ? '—' : `${format(value.low)} – ${format(value.high)}`;

/** One experiment's results per variant, with intervals and the test against the control. */
function ExperimentResults({ id }: { id: string }) {
  const { api } = useSignedIn();
  const detail = useLoad(() => api.experiment(id), [api, id]);
  return (
    <LoadedView loaded={detail}>
      {(experiment) => (
        <>
          <p>{experiment.results.conclusion}</p>
          <TableScroll label={`Results of ${id}, scrollable`}>
            <table>
              <caption className="visually-hidden">Results of {id}</caption>
              <thead>
                <tr>
                  {[
                    'Variant',
                    'Requests',
                    'Successes',
                    'Success rate (95%)',
                    'CPSO (95%)',
                    'Cost',
                    'Latency',
                    'vs control',
                  ].map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {experiment.results.variants.map((variant) => (
                  <tr key={variant.variant}>
                    <th scope="row">{variant.variant}</th>
                    <td>{count(variant.requests)}</td>
                    <td>
                      {variant.successes}/{variant.outcomes}
                    </td>
                    <td>
                      {variant.success_rate === null ? '—' : percent(variant.success_rate)} (
                      {interval(variant.success_rate_interval, percent)})
                    </td>
                    <td>
                      {variant.cpso_usd === null ? '—' : usd(variant.cpso_usd)} (
                      {interval(variant.cpso_interval, usd)})
                    </td>
                    <td>{usd(variant.cost_usd)}</td>
                    <td>{duration(variant.mean_latency_ms)}</td>
                    <td>
                      {!variant.versus_control
                        ? 'control'
                        : variant.versus_control.p_value === null
                          ? 'not enough data'
                          : `p = ${variant.versus_control.p_value.toPrecision(2)}${variant.versus_control.significant === null ? ' (interim)' : variant.versus_control.significant ? ' (significant)' : ' (not significant)'}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </LoadedView>
  );
}

function ExperimentRow({ experiment, onChange }: { experiment: Experiment; onChange: () => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState(false);
  const action = experiment.status === 'running' ? 'stop' : 'start';
  return (
    <li>
      <strong>{experiment.id}</strong> splits <code>{experiment.target}</code> by {experiment.unit} between{' '}
      {experiment.variants.map((variant) => variant.name).join(', ')}
      {experiment.holdout > 0 ? ` with a ${percent(experiment.holdout)} holdout` : ''}; horizon{' '}
      {experiment.horizon} outcomes per variant. Status: {experiment.status}.{' '}
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide results' : 'Show results'}
      </button>{' '}
      <button type="button" onClick={() => api.setExperiment(experiment.id, action).then(onChange)}>
        {action === 'start' ? 'Start' : 'Stop'}
      </button>
      {open && <ExperimentResults id={experiment.id} />}
    </li>
  );
}

/** The A/B experiments, each with start or stop and its results. */
export function ExperimentList() {
  const { api } = useSignedIn();
  const experiments = useLoad(() => api.experiments(), [api]);
  return (
    <section aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Experiments</h2>
      <LoadedView loaded={experiments}>
        {(list) =>
          list.length === 0 ? (
            <p className="hint">
              No experiments. Define them under value.experiments or POST /admin/v1/experiments.
            </p>
          ) : (
            <ul>
              {list.map((experiment) => (
                <ExperimentRow key={experiment.id} experiment={experiment} onChange={experiments.reload} />
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  );
}
