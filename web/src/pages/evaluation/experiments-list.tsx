import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { percent, time, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';

/** Recent experiment runs with each variant's pass rate and the gate's verdict. */
export function ExperimentsList() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.evaluationRuns(), [api]);
  return (
    <section aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Experiments</h2>
      <LoadedView loaded={loaded}>
        {(runs) =>
          runs.length === 0 ? (
            <p className="hint">
              No experiments yet. Run one with <code>strata eval run eval.yaml</code> (see
              docs/evaluation.md).
            </p>
          ) : (
            <TableScroll label="Experiment runs table">
              <table>
                <caption className="visually-hidden">Experiment runs, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Name</th>
                    <th scope="col">Dataset</th>
                    <th scope="col">Variants (pass rate)</th>
                    <th scope="col" className="number">
                      Cost
                    </th>
                    <th scope="col">Gate</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <td>
                        <a href={href('evaluation', 'experiments', run.id)}>{time(run.created_at)}</a>
                      </td>
                      <td>{run.name}</td>
                      <td>{run.dataset ? `${run.dataset} v${run.dataset_version}` : '—'}</td>
                      <td>
                        {(run.summary?.variants ?? [])
                          .map((variant) => `${variant.label} ${percent(variant.passRate)}`)
                          .join(', ')}
                      </td>
                      <td className="number">{usd(run.cost_usd)}</td>
                      <td>
                        {run.summary?.gate ? (
                          <span className={run.summary.gate.passed ? 'badge ok' : 'badge failed'}>
                            {run.summary.gate.passed ? 'Passed' : 'Failed'}
                          </span>
                        ) : (
                          run.status
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </LoadedView>
    </section>
  );
}
