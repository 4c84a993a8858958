import { type FormEvent, useState } from 'react';
import type { DirectoryUser } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

const roleNames = ['owner', 'admin', 'member', 'viewer', 'billing'];

/** Users and service accounts with their roles and teams; who may write changes a role or disables. */
export function UsersSection({ canWrite }: { canWrite: boolean }) {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.users(), [api]);
  const [name, setName] = useState('');
  const [role, setRole] = useState('member');
  const [teams, setTeams] = useState('');
  const [service, setService] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function attempt(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  function create(event: FormEvent) {
    event.preventDefault();
    const list = teams
      .split(',')
      .map((team) => team.trim())
      .filter(Boolean);
    return attempt(async () => {
      await api.createUser({ name: name.trim(), role, kind: service ? 'service' : 'user', teams: list });
      setName('');
      setTeams('');
    });
  }

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users and service accounts</h2>
      {canWrite && (
        <form className="card-form" onSubmit={create} aria-label="New user">
          <label>
            Name
            <input required value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value)}>
              {roleNames.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </label>
          <label>
            Teams (comma-separated)
            <input value={teams} onChange={(event) => setTeams(event.target.value)} />
          </label>
          <label>
            <input type="checkbox" checked={service} onChange={(event) => setService(event.target.checked)} />{' '}
            A service account
          </label>
          <button type="submit">Add user</button>
        </form>
      )}
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={loaded}>
        {(users) =>
          users.length === 0 ? (
            <p className="hint">No users yet. Users signing in with SSO appear here.</p>
          ) : (
            <TableScroll label="Users table">
              <table>
                <caption className="visually-hidden">Users and service accounts</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Role</th>
                    <th scope="col">Teams</th>
                    <th scope="col">Created</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <UserRow key={user.id} user={user} canWrite={canWrite} attempt={attempt} />
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

function UserRow({
  user,
  canWrite,
  attempt,
}: {
  user: DirectoryUser;
  canWrite: boolean;
  attempt: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { api } = useSignedIn();
  return (
    <tr>
      <th scope="row">
        {user.name}
        {user.email && <span className="hint"> {user.email}</span>}
      </th>
      <td>{user.kind === 'service' ? 'Service account' : user.sso ? 'User (SSO)' : 'User'}</td>
      <td>
        {canWrite ? (
          <select
            aria-label={`Role of ${user.name}`}
            value={user.role}
            onChange={(event) => attempt(() => api.updateUser(user.id, { role: event.target.value }))}
          >
            {roleNames.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        ) : (
          user.role
        )}
      </td>
      <td>{user.teams.join(', ') || '—'}</td>
      <td>{time(user.created_at)}</td>
      <td>
        {user.disabled_at ? (
          <span className="badge failed">Disabled</span>
        ) : (
          <span className="badge ok">Active</span>
        )}{' '}
        {canWrite && (
          <button
            type="button"
            className="secondary"
            onClick={() => attempt(() => api.updateUser(user.id, { disabled: !user.disabled_at }))}
          >
            {user.disabled_at ? `Enable ${user.name}` : `Disable ${user.name}`}
          </button>
        )}
      </td>
    </tr>
  );
}
