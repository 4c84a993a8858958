import type { RequestRow } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, duration, time, usd } from '../../format.js';
import { href } from '../../use-hash-route.js';
import { StatusBadge } from './status-badge.js';

/** Requests as a table; each links to its detail. */
export function RequestTable({ rows, caption }: { rows: RequestRow[]; caption: string }) {
  if (rows.length === 0) return <p className="hint">No request matches.</p>;
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Model</th>
            <th scope="col">Served by</th>
            <th scope="col">Key</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">
              Tokens
            </th>
            <th scope="col" className="number">
              Cost
            </th>
            <th scope="col" className="number">
              Latency
            </th>
            <th scope="col">Route</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a href={href('requests', row.id)}>{time(row.created_at)}</a>
              </td>
              <td>{row.model ?? '—'}</td>
              <td>{row.served_model ? `${row.provider ?? ''}/${row.served_model}` : '—'}</td>
              <td>{row.key_id ?? '—'}</td>
              <td>
                <StatusBadge status={row.status} code={row.error_code} />
              </td>
              <td className="number">{count(row.input_tokens + row.output_tokens)}</td>
              <td className="number">{usd(row.cost_usd)}</td>
              <td className="number">{duration(row.latency_ms)}</td>
              <td>{row.route ? `${row.route.route} · ${row.route.plan}` : 'direct'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
