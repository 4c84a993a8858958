import type { Attempt } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, usd } from '../../format.js';
import { StatusBadge } from './status-badge.js';

/** Each attempt the ledger settled: who served it, its tokens and its cost; the total below. */
export function AttemptsTable({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return <p className="hint">No attempt reached the ledger.</p>;
  const priced = attempts.filter((attempt) => attempt.costUsd !== null);
  const total = priced.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0);
  const saved = attempts.reduce((sum, attempt) => sum + (attempt.savedUsd ?? 0), 0);
  return (
    <TableScroll label={'Attempts'}>
      <table>
        <caption className="visually-hidden">Attempts and their cost</caption>
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Purpose</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">
              Input tokens
            </th>
            <th scope="col" className="number">
              Cached
            </th>
            <th scope="col" className="number">
              Output tokens
            </th>
            <th scope="col" className="number">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={`${attempt.attempt}-${attempt.purpose}`}>
              <td>{attempt.attempt}</td>
              <td>{attempt.purpose}</td>
              <td>{attempt.model ? `${attempt.provider ?? ''}/${attempt.model}` : '—'}</td>
              <td>
                <StatusBadge status={attempt.status} code={null} />
              </td>
              <td className="number">{count(attempt.inputTokens)}</td>
              <td className="number">{count(attempt.cachedInputTokens)}</td>
              <td className="number">
                {count(attempt.outputTokens)}
                {attempt.usageEstimated ? ' (estimated)' : ''}
              </td>
              <td className="number">{usd(attempt.costUsd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={7}>
              Total{priced.length < attempts.length ? ` (${attempts.length - priced.length} unpriced)` : ''}
              {saved > 0 ? `, cache saved ${usd(saved)}` : ''}
            </th>
            <td className="number">{usd(total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
