import { type FormEvent, useState } from 'react';
import type { Budget, NewBudget } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useSignedIn } from '../../signed-in.js';

const scopes: Budget['scope'][] = ['global', 'key', 'team', 'user', 'tag', 'model'];
const budgetPeriods: Budget['period'][] = ['daily', 'weekly', 'monthly', 'total'];

/** Creates a budget, or changes the limit and mode of the one being edited. */
export function BudgetForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Budget | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState<NewBudget>(
    editing
      ? {
          scope: editing.scope,
          ...(editing.match !== null && { match: editing.match }),
          period: editing.period,
          limit_usd: editing.limit_usd,
          mode: editing.mode,
        }
      : { scope: 'global', period: 'monthly', limit_usd: 10, mode: 'hard' },
  );
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (editing) await api.updateBudget(editing.id, { limit_usd: draft.limit_usd, mode: draft.mode });
      else await api.createBudget(draft);
      onSaved();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <form className="card-form" onSubmit={submit} aria-labelledby="budget-form-heading">
      <h3 id="budget-form-heading">{editing ? 'Edit budget' : 'New budget'}</h3>
      <label>
        Scope
        <select
          value={draft.scope}
          disabled={editing !== null}
          onChange={(event) => setDraft({ ...draft, scope: event.target.value as Budget['scope'] })}
        >
          {scopes.map((scope) => (
            <option key={scope}>{scope}</option>
          ))}
        </select>
      </label>
      {draft.scope !== 'global' && (
        <label>
          Applies to (key id, team, user, tag or model)
          <input
            required
            disabled={editing !== null}
            value={draft.match ?? ''}
            onChange={(event) => setDraft({ ...draft, match: event.target.value })}
          />
        </label>
      )}
      <label>
        Budget period
        <select
          value={draft.period}
          disabled={editing !== null}
          onChange={(event) => setDraft({ ...draft, period: event.target.value as Budget['period'] })}
        >
          {budgetPeriods.map((period) => (
            <option key={period}>{period}</option>
          ))}
        </select>
      </label>
      <label>
        Limit (USD)
        <input
          type="number"
          required
          min="0.000001"
          step="any"
          value={draft.limit_usd}
          onChange={(event) => setDraft({ ...draft, limit_usd: Number(event.target.value) })}
        />
      </label>
      <label>
        Mode
        <select
          value={draft.mode}
          onChange={(event) => setDraft({ ...draft, mode: event.target.value as Budget['mode'] })}
        >
          <option value="hard">hard: refuse calls over the limit</option>
          <option value="soft">soft: serve them and alert</option>
        </select>
      </label>
      {error && <ErrorNotice error={error} />}
      <div className="row-actions">
        <button type="submit">{editing ? 'Save budget' : 'Create budget'}</button>
        {editing && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
