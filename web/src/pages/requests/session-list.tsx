import { LoadedView } from '../../components/loaded-view.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';

/** Sessions, most recently active first. */
export function SessionList() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.sessions(), [api]);
  return (
    <>
      <div className="page-heading">
        <h1>Sessions</h1>
        <a href={href('requests')}>All requests</a>
      </div>
      <LoadedView loaded={loaded}>
        {(sessions) =>
          sessions.length === 0 ? (
            <p className="hint">
              No sessions yet. Calls that send an <code>x-strata-session-id</code> header (or{' '}
              <code>metadata.session_id</code>) are grouped here as threads.
            </p>
          ) : (
            <ul className="plain-list">
              {sessions.map((session) => (
                <li key={session.id}>
                  <a href={href('requests', 'sessions', session.id)}>{session.id}</a> — {session.requests}{' '}
                  requests, last {time(session.last_at)}
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </>
  );
}
