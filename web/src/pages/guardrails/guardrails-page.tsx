import type { GuardrailRule, RequestRow } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';

/** Where a rule applies, in words: every call, or only some keys, teams and routes. */
function scopeOf(rule: GuardrailRule): string {
  const limits = [
    rule.keys && `keys ${rule.keys.join(', ')}`,
    rule.teams && `teams ${rule.teams.join(', ')}`,
    rule.routes && `routes ${rule.routes.join(', ')}`,
  ].filter(Boolean);
  return limits.length === 0 ? 'every call' : limits.join('; ');
}

function RulesTable({ rules }: { rules: GuardrailRule[] }) {
  if (rules.length === 0)
    return (
      <p className="hint">
        No guardrail rules are configured, so calls pass no guardrail stage. Add rules under{' '}
        <code>guardrails.rules</code> in <code>strata.yaml</code>.
      </p>
    );
  return (
    <TableScroll label="Guardrail rules">
      <table>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Looks for</th>
            <th scope="col">Action</th>
            <th scope="col">Checks</th>
            <th scope="col">Applies to</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.name}>
              <td>{rule.name}</td>
              <td>{Object.keys(rule.detectors).join(', ')}</td>
              <td>{rule.reversible ? `${rule.action} (reversible)` : rule.action}</td>
              <td>{rule.on.map((side) => (side === 'input' ? 'prompts' : 'answers')).join(', ')}</td>
              <td>{scopeOf(rule)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function VerdictsTable({ rows }: { rows: RequestRow[] }) {
  if (rows.length === 0) return <p className="hint">No rule has acted on a call yet.</p>;
  return (
    <TableScroll label="Recent guardrail verdicts">
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col">Verdicts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a href={href('requests', row.id)}>{time(row.created_at)}</a>
              </td>
              <td>{row.model ?? '—'}</td>
              <td>{row.status}</td>
              <td>
                {(row.guardrails ?? [])
                  .map(
                    (verdict) =>
                      `${verdict.rule}: ${verdict.outcome} on the ${verdict.side === 'input' ? 'prompt' : 'answer'}${
                        verdict.entities.length > 0 ? ` (${verdict.entities.join(', ')})` : ''
                      }`,
                  )
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Guardrail rules as configured, and the latest calls they blocked, redacted, masked or flagged. */
export default function GuardrailsPage() {
  const { api } = useSignedIn();
  const loaded = useLoad(
    async () => ({ rules: await api.guardrails(), recent: (await api.requests({ guardrail: 'any' })).data }),
    [api],
  );
  return (
    <>
      <h1>Guardrails</h1>
      <LoadedView loaded={loaded}>
        {({ rules, recent }) => (
          <>
            <section aria-labelledby="rules-heading">
              <h2 id="rules-heading">Rules</h2>
              <RulesTable rules={rules} />
            </section>
            <section aria-labelledby="verdicts-heading">
              <h2 id="verdicts-heading">Recent verdicts</h2>
              <VerdictsTable rows={recent} />
            </section>
          </>
        )}
      </LoadedView>
    </>
  );
}
