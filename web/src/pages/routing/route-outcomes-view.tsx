import type { RouteOutcomes } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, percent } from '../../format.js';

/** How a route's cascades went: the escalation rate, where calls ended, and each verifier's verdicts. */
export function RouteOutcomesView({ outcomes }: { outcomes: RouteOutcomes }) {
  if (outcomes.cascade_calls === 0) return null;
  const rate = outcomes.escalation_rate ?? 0;
  return (
    <div className="route-outcomes">
      <p>
        Cascade: {count(outcomes.escalated)} of {count(outcomes.cascade_calls)} calls escalated past the first
        tier ({percent(rate)}){outcomes.truncated ? ', counted over the newest calls' : ''}.
      </p>
      <ul className="plain-list" aria-label={`Where ${outcomes.route} calls ended`}>
        {outcomes.ended_at_tier.map((tier) => (
          <li key={tier.tier}>
            tier {tier.tier}: {count(tier.calls)} ({percent(tier.calls / outcomes.cascade_calls)})
          </li>
        ))}
      </ul>
      {outcomes.verdicts.length > 0 && (
        <TableScroll label={`Verifier verdicts of ${outcomes.route}`}>
          <table>
            <caption>Verifier verdicts of {outcomes.route}</caption>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col">Verifier</th>
                <th scope="col" className="number">
                  Verdicts
                </th>
                <th scope="col" className="number">
                  Passed
                </th>
                <th scope="col" className="number">
                  Mean score
                </th>
              </tr>
            </thead>
            <tbody>
              {outcomes.verdicts.map((verdict) => (
                <tr key={`${verdict.tier}-${verdict.verifier}`}>
                  <td>{verdict.tier}</td>
                  <th scope="row">{verdict.verifier}</th>
                  <td className="number">{count(verdict.verdicts)}</td>
                  <td className="number">
                    {count(verdict.passed)} ({percent(verdict.pass_rate)})
                  </td>
                  <td className="number">{verdict.mean_score.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
