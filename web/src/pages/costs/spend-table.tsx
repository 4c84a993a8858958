import type { SpendGroup } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, usd } from '../../format.js';

/** Spend per group with its share of the total as a bar and a number. */
export function SpendTable({ rows, dimension }: { rows: SpendGroup[]; dimension: string }) {
  if (rows.length === 0) return <p className="hint">No spend in this period.</p>;
  const total = rows.reduce((sum, row) => sum + row.cost_usd, 0);
  return (
    <TableScroll label={`Spend by ${dimension}`}>
      <table>
        <caption className="visually-hidden">Spend by {dimension}</caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            <th scope="col" className="number">
              Requests
            </th>
            <th scope="col" className="number">
              Input tokens
            </th>
            <th scope="col" className="number">
              Output tokens
            </th>
            <th scope="col" className="number">
              Cost
            </th>
            <th scope="col" className="number">
              Saved by cache
            </th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = total > 0 ? row.cost_usd / total : 0;
            return (
              <tr key={row.group ?? '(none)'}>
                <th scope="row">{row.group ?? '(none)'}</th>
                <td className="number">{count(row.requests)}</td>
                <td className="number">{count(row.input_tokens)}</td>
                <td className="number">{count(row.output_tokens)}</td>
                <td className="number">
                  {usd(row.cost_usd)}
                  {row.unpriced_requests > 0 ? ` + ${row.unpriced_requests} unpriced` : ''}
                </td>
                <td className="number">{usd(row.saved_usd)}</td>
                <td>
                  <span className="bar" aria-hidden="true">
                    <span className="bar-fill" style={{ width: `${share * 100}%` }} />
                  </span>{' '}
                  {Math.round(share * 100)}%
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
