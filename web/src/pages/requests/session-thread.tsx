import { LoadedView } from '../../components/loaded-view.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';
import { RequestTable } from './request-table.js';

/** One session's requests as a thread, oldest first. */
export function SessionThread({ id }: { id: string }) {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.session(id), [api, id]);
  return (
    <>
      <div className="page-heading">
        <h1>Session {id}</h1>
        <a href={href('requests', 'sessions')}>All sessions</a>
      </div>
      <LoadedView loaded={loaded}>
        {(rows) => <RequestTable rows={rows} caption={`Requests of session ${id}, oldest first`} />}
      </LoadedView>
    </>
  );
}
