import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BenchPolicy, RoutingBench } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { percent, time } from '../../format.js';

/** The policies no other beats on both cost and accuracy, cheapest first. The oracle reads the answers, so it is left out. */
export function frontierOf(policies: BenchPolicy[]): BenchPolicy[] {
  const sorted = policies
    .filter((policy) => !policy.oracle)
    .sort((a, b) => a.cost_per_1k - b.cost_per_1k || b.accuracy - a.accuracy);
  const frontier: BenchPolicy[] = [];
  for (const policy of sorted)
    if (policy.accuracy > (frontier[frontier.length - 1]?.accuracy ?? Number.NEGATIVE_INFINITY))
      frontier.push(policy);
  return frontier;
}

const dollars = (value: number) => (value === 0 ? '$0' : `$${value.toFixed(value < 1 ? 3 : 2)}`);

/** The latest routing bench: every policy's cost and accuracy, with the frontier drawn and listed. */
export function BenchFrontier({ bench }: { bench: RoutingBench }) {
  const report = bench.report;
  if (!report || !bench.saved_at)
    return (
      <p className="hint">
        No routing bench has been run here yet. <code>strata bench routing --data outcomes.jsonl</code> keeps
        its report in the Strata home, and its cost-quality frontier shows here.
      </p>
    );
  const frontier = frontierOf(report.policies);
  const onFrontier = new Set(frontier.map((policy) => policy.name));
  const others = report.policies.filter((policy) => !onFrontier.has(policy.name));
  const point = (policy: BenchPolicy) => ({ x: policy.cost_per_1k, y: policy.accuracy, name: policy.name });
  return (
    <>
      <p>
        {report.data} ({report.test_split} split, {report.test_queries} queries), run {time(bench.saved_at)}.
        The best single model is {report.best_single.model} at {percent(report.best_single.accuracy)} for{' '}
        {dollars(report.best_single.cost_per_1k)} per 1,000 queries.
      </p>
      <figure
        className="chart"
        aria-label={`Cost-quality frontier: ${frontier.length} of ${report.policies.length} policies are on it`}
      >
        <figcaption>Accuracy against cost per 1,000 queries</figcaption>
        <div className="chart-area" aria-hidden="true">
          <ResponsiveContainer width="100%" height={260}>
            <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
              <XAxis
                type="number"
                dataKey="x"
                name="Cost per 1k"
                stroke="var(--muted)"
                fontSize={11}
                tickFormatter={dollars}
              />
              <YAxis
                type="number"
                dataKey="y"
                name="Accuracy"
                stroke="var(--muted)"
                fontSize={11}
                width={48}
                domain={['auto', 'auto']}
                tickFormatter={percent}
              />
              <Tooltip
                formatter={(value, name) =>
                  name === 'Accuracy' ? percent(Number(value)) : dollars(Number(value))
                }
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
              />
              <Legend />
              <Scatter
                name="Other policies"
                data={others.map(point)}
                fill="var(--muted)"
                isAnimationActive={false}
              />
              <Scatter
                name="Frontier"
                data={frontier.map(point)}
                fill="var(--series-1)"
                shape="diamond"
                line={{ stroke: 'var(--series-1)', strokeWidth: 2 }}
                isAnimationActive={false}
              />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <TableScroll label={'Policies on the frontier'}>
        <table>
          <caption>Policies on the frontier, cheapest first</caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col" className="number">
                Accuracy
              </th>
              <th scope="col" className="number">
                Cost per 1k queries
              </th>
              <th scope="col" className="number">
                Escalated
              </th>
            </tr>
          </thead>
          <tbody>
            {frontier.map((policy) => (
              <tr key={policy.name}>
                <th scope="row">{policy.name}</th>
                <td className="number">{percent(policy.accuracy)}</td>
                <td className="number">{dollars(policy.cost_per_1k)}</td>
                <td className="number">{percent(policy.escalation_rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
