import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** Teams: the names keys, budgets and spend reports attribute spend to. */
export function TeamsSection({ canWrite }: { canWrite: boolean }) {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.teams(), [api]);
  const [id, setId] = useState('');
  const [error, setError] = useState<Error | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.createTeam(id.trim());
      setId('');
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      {canWrite && (
        <form className="card-form" onSubmit={create} aria-label="New team">
          <label>
            Team id
            <input required value={id} onChange={(event) => setId(event.target.value)} />
          </label>
          <button type="submit">Add team</button>
        </form>
      )}
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={loaded}>
        {(teams) =>
          teams.length === 0 ? (
            <p className="hint">No teams yet.</p>
          ) : (
            <ul className="plain-list">
              {teams.map((team) => (
                <li key={team.id}>
                  <code>{team.id}</code> {team.name !== team.id && team.name}
                  {team.organisation && <span className="hint"> in {team.organisation}</span>}
                  <span className="hint"> since {time(team.created_at)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  );
}
