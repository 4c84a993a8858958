import { useState } from 'react';
import type { Budget } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { BudgetForm } from './budget-form.js';
import { UtilisationBar } from './utilisation-bar.js';

/** The budgets with their current window's spend, and forms to create, change and remove them. */
export function BudgetList() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.budgets(), [api]);
  const [editing, setEditing] = useState<Budget | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function remove(budget: Budget) {
    setError(null);
    try {
      await api.deleteBudget(budget.id);
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <section aria-labelledby="budgets-heading">
      <h2 id="budgets-heading">Budgets</h2>
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={loaded}>
        {(budgets) =>
          budgets.length === 0 ? (
            <p className="hint">No budgets yet. Calls are not limited by spend.</p>
          ) : (
            <ul className="budget-list">
              {budgets.map((budget) => (
                <li key={budget.id} className="budget">
                  <div className="budget-title">
                    <strong>
                      {budget.scope === 'global' ? 'Whole gateway' : `${budget.scope} ${budget.match ?? ''}`}
                    </strong>{' '}
                    {budget.period}, {budget.mode} limit {usd(budget.limit_usd)}
                    {budget.source === 'config' ? ' (from strata.yaml)' : ''}
                  </div>
                  <UtilisationBar
                    label={`Budget ${budget.scope} ${budget.match ?? ''} used`}
                    used={budget.window.spent_usd + budget.window.reserved_usd}
                    limit={budget.limit_usd}
                  />
                  {budget.source === 'api' && (
                    <div className="row-actions">
                      <button type="button" className="secondary" onClick={() => setEditing(budget)}>
                        Edit
                      </button>
                      <button type="button" className="secondary danger" onClick={() => remove(budget)}>
                        Remove
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
      <BudgetForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={() => {
          setEditing(null);
          loaded.reload();
        }}
        onCancel={() => setEditing(null)}
      />
    </section>
  );
}
