import { useState } from 'react';
import type { AuditVerdict } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** The newest audit rows, and a check that the hash chain behind them is intact. */
export function AuditSection() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.audit(), [api]);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function verify() {
    setError(null);
    try {
      setVerdict(await api.verifyAudit());
      // The rows shown are read again, so what was verified includes the latest actions.
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <button type="button" className="secondary" onClick={verify}>
        Verify the chain
      </button>
      {verdict && (
        <p role="status" className={verdict.ok ? 'badge ok' : 'badge failed'}>
          {verdict.ok
            ? `Intact: ${verdict.rows} rows, every hash and link checks.`
            : `Tampered: ${verdict.problems.map((problem) => `row ${problem.seq} ${problem.kind}`).join(', ')}.`}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={loaded}>
        {(page) =>
          page.data.length === 0 ? (
            <p className="hint">Nothing audited yet.</p>
          ) : (
            <TableScroll label="Audit table">
              <table>
                <caption className="visually-hidden">Audit log, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Target</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((row) => (
                    <tr key={row.seq}>
                      <th scope="row">{row.seq}</th>
                      <td>{time(row.created_at)}</td>
                      <td>
                        <code>{row.actor}</code>
                      </td>
                      <td>{row.action}</td>
                      <td>{row.target ?? '—'}</td>
                      <td>
                        <code>{JSON.stringify(row.detail)}</code>
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
