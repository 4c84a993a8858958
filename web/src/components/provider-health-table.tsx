import type { ProviderHealth } from '../api.js';
import { count, duration } from '../format.js';
import { TableScroll } from './table-scroll.js';

const statusWords: Record<ProviderHealth['status'], string> = {
  idle: 'Idle',
  healthy: 'Healthy',
  degraded: 'Degraded',
  failing: 'Failing',
};

/** A provider's status as a word on a coloured badge, so colour is not the only sign. */
function HealthBadge({ status }: { status: ProviderHealth['status'] }) {
  const tone = status === 'healthy' ? 'ok' : status === 'idle' ? '' : 'failed';
  return <span className={`badge ${tone}`}>{statusWords[status]}</span>;
}

/** Each provider's health over the last hour: its status, calls, server errors, p95 latency and breakers. */
export function ProviderHealthTable({ providers }: { providers: ProviderHealth[] }) {
  return (
    <TableScroll label={'Provider health'}>
      <table>
        <caption>
          Provider health over the last hour. Only server errors (5xx) count against a provider.
        </caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">
              Calls
            </th>
            <th scope="col" className="number">
              Server errors
            </th>
            <th scope="col" className="number">
              p95 latency
            </th>
            <th scope="col">Breakers not closed</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((provider) => (
            <tr key={provider.id}>
              <th scope="row">{provider.id}</th>
              <td>{provider.kind}</td>
              <td>
                <HealthBadge status={provider.status} />
              </td>
              <td className="number">{count(provider.window.requests)}</td>
              <td className="number">{count(provider.window.server_errors)}</td>
              <td className="number">{duration(provider.window.p95_latency_ms)}</td>
              <td>
                {provider.breakers.length === 0
                  ? 'none'
                  : provider.breakers
                      .map((breaker) => `${breaker.model} ${breaker.state.replace('_', '-')}`)
                      .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
