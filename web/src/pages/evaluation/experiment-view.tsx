import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { duration, percent, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;

/** One experiment: each variant's aggregates, the paired comparisons, and every case side by side. */
export function ExperimentView({ id }: { id: string }) {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.evaluationRun(id), [api, id]);
  return (
    <LoadedView loaded={loaded}>
      {(run) => {
        const variants = run.summary?.variants ?? [];
        const items = [...new Set(run.results.map((result) => result.item))];
        const cell = new Map(run.results.map((result) => [`${result.item}\u0000${result.variant}`, result]));
        return (
          <>
            <h1>{run.name}</h1>
            <p>
              {run.dataset ? `Dataset ${run.dataset} v${run.dataset_version}. ` : ''}
              Spent {usd(run.cost_usd)}.{' '}
              {run.summary?.gate &&
                !run.summary.gate.passed &&
                `Gate failed: ${run.summary.gate.failures.join('; ')}`}
            </p>
            <TableScroll label="Variants table">
              <table>
                <caption>Variants</caption>
                <thead>
                  <tr>
                    <th scope="col">Variant</th>
                    <th scope="col">Model</th>
                    <th scope="col" className="number">
                      Pass rate
                    </th>
                    <th scope="col" className="number">
                      Mean score
                    </th>
                    <th scope="col" className="number">
                      Cost
                    </th>
                    <th scope="col" className="number">
                      p50 / p95
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {variants.map((variant) => (
                    <tr key={variant.label}>
                      <th scope="row">{variant.label}</th>
                      <td>{variant.model}</td>
                      <td className="number">
                        {variant.passed}/{variant.items} ({percent(variant.passRate)})
                      </td>
                      <td className="number">{variant.meanScore.toFixed(3)}</td>
                      <td className="number">{usd(variant.costUsd)}</td>
                      <td className="number">
                        {duration(variant.latencyMs.p50)} / {duration(variant.latencyMs.p95)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {(run.summary?.comparisons ?? []).length > 0 && (
              <ul className="plain-list" aria-label="Paired comparisons">
                {(run.summary?.comparisons ?? []).map((comparison) => (
                  <li key={comparison.candidate}>
                    {comparison.candidate} vs {comparison.baseline}: {signed(comparison.meanDifference)} (95%
                    interval {signed(comparison.interval[0])} to {signed(comparison.interval[1])}),{' '}
                    {comparison.significant ? 'significant' : 'not significant'}
                  </li>
                ))}
              </ul>
            )}
            <TableScroll label="Side by side table">
              <table>
                <caption>Side by side</caption>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    {variants.map((variant) => (
                      <th scope="col" key={variant.label}>
                        {variant.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item}>
                      <th scope="row">{item}</th>
                      {variants.map((variant) => {
                        const result = cell.get(`${item}\u0000${variant.label}`);
                        if (!result) return <td key={variant.label}>not run</td>;
                        const failing = result.assertions.filter((assertion) => !assertion.pass);
                        return (
                          <td key={variant.label}>
                            <span className={result.pass ? 'badge ok' : 'badge failed'}>
                              {result.pass ? 'Pass' : 'Fail'} {result.score.toFixed(2)}
                            </span>{' '}
                            {result.request_id && <a href={href('requests', result.request_id)}>call</a>}
                            <p>{result.error ?? result.output}</p>
                            {failing.length > 0 && (
                              <p className="hint">
                                {failing
                                  .map((assertion) => `${assertion.type}: ${assertion.reason}`)
                                  .join('; ')}
                              </p>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        );
      }}
    </LoadedView>
  );
}
