import { type FormEvent, useState } from 'react';
import type { ApiKey } from '../../api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** Virtual keys: create one (its secret shown once, with a copy button), see their scope, revoke them. */
export default function KeysPage() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.keys(), [api]);
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const [knowledge, setKnowledge] = useState('');
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setCreated(
        await api.createKey(name.trim(), {
          ...(team.trim() && { team: team.trim() }),
          ...(knowledge.trim() && { knowledge: knowledge.trim() }),
        }),
      );
      setName('');
      setTeam('');
      setKnowledge('');
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  async function revoke(key: ApiKey) {
    if (!window.confirm(`Revoke the key “${key.name}”? Calls with it will be refused.`)) return;
    setError(null);
    try {
      await api.revokeKey(key.id);
      loaded.reload();
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <>
      <h1>Keys</h1>
      <form className="card-form" onSubmit={create} aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New key</h2>
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Team (optional; spend is attributed to it)
          <input value={team} onChange={(event) => setTeam(event.target.value)} />
        </label>
        <label>
          Knowledge bases it may read (comma-separated, * for all)
          <input value={knowledge} onChange={(event) => setKnowledge(event.target.value)} />
        </label>
        <button type="submit">Create key</button>
      </form>
      {created && (
        <section className="secret" aria-labelledby="secret-heading" role="status">
          <h2 id="secret-heading">Key “{created.name}” created</h2>
          <p>Copy the secret now: it is shown only this once.</p>
          <code className="secret-value" data-testid="new-key-secret">
            {created.key}
          </code>{' '}
          <CopyButton text={created.key} label="Copy the key" />
        </section>
      )}
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={loaded}>
        {(keys) =>
          keys.length === 0 ? (
            <p className="hint">No virtual keys yet. Give each application or person its own.</p>
          ) : (
            <TableScroll label={'Virtual keys'}>
              <table>
                <caption className="visually-hidden">Virtual keys</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Id</th>
                    <th scope="col">Starts with</th>
                    <th scope="col">Scope</th>
                    <th scope="col">Created</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {keys.map((key) => (
                    <tr key={key.id}>
                      <th scope="row">{key.name}</th>
                      <td>
                        <code>{key.id}</code>
                      </td>
                      <td>
                        <code>{key.keyPrefix}…</code>
                      </td>
                      <td>{scopeOf(key)}</td>
                      <td>{time(key.createdAt)}</td>
                      <td>
                        {key.revokedAt ? (
                          <span className="badge failed">Revoked</span>
                        ) : (
                          <button type="button" className="secondary danger" onClick={() => revoke(key)}>
                            Revoke {key.name}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </LoadedView>
    </>
  );
}

function scopeOf(key: ApiKey): string {
  const parts = [];
  if (typeof key.metadata.team === 'string') parts.push(`team ${key.metadata.team}`);
  const knowledge = key.metadata.knowledge;
  const bases = Array.isArray(knowledge)
    ? knowledge.join(', ')
    : typeof knowledge === 'string'
      ? knowledge
      : '';
  parts.push(bases ? `knowledge: ${bases}` : 'no knowledge base');
  return parts.join('; ');
}
