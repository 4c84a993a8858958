import type { ValueGroup } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, percent, usd } from '../../format.js';

const orDash = (value: number | null, format: (value: number) => string) =>
  value === null ? '—' : format(value);

/** Cost, outcomes, CPSO and ROI per group. */
export function ValueTable({ rows, dimension }: { rows: ValueGroup[]; dimension: string }) {
  if (rows.length === 0) return <p className="hint">No requests in this period.</p>;
  const columns = [
    'Requests',
    'Attempts',
    'Cost',
    'Outcomes',
    'Success rate',
    'Value',
    'Per request',
    'CPSO',
    'ROI',
  ];
  return (
    <TableScroll label={`Value by ${dimension}, scrollable`}>
      <table>
        <caption className="visually-hidden">Value by {dimension}</caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            {columns.map((column) => (
              <th key={column} scope="col" className="number">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.group ?? '(none)'}>
              <th scope="row">{row.group ?? '(none)'}</th>
              <td className="number">{count(row.requests)}</td>
              <td className="number">{count(row.attempts)}</td>
              <td className="number">{usd(row.cost_usd)}</td>
              <td className="number">{count(row.outcomes)}</td>
              <td className="number">{orDash(row.success_rate, percent)}</td>
              <td className="number">{usd(row.value_usd)}</td>
              <td className="number">{orDash(row.cost_per_request_usd, usd)}</td>
              <td className="number">{orDash(row.cpso_usd, usd)}</td>
              <td className="number">{orDash(row.roi, percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
