import { type FormEvent, useState } from 'react';
import type { RequestFilter } from '../../api.js';
import { FirstCallGuide } from '../../components/first-call-guide.js';
import { LoadedView } from '../../components/loaded-view.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';
import { RequestTable } from './request-table.js';

const filterFields = [
  { name: 'model', label: 'Model or route' },
  { name: 'key_id', label: 'Key id' },
  { name: 'status', label: 'Status (ok, error or a code)' },
  { name: 'session', label: 'Session' },
  { name: 'min_cost_usd', label: 'Costlier than (USD)' },
  { name: 'min_latency_ms', label: 'Slower than (ms)' },
  { name: 'q', label: 'Route text' },
] as const;

/** The request log: filters, a table and pages of 50, newest first. */
export function RequestList() {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState<RequestFilter>({});
  const [filter, setFilter] = useState<RequestFilter>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const loaded = useLoad(() => api.requests(filter, cursor), [api, filter, cursor]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setCursors([]);
    setFilter(Object.fromEntries(Object.entries(draft).filter(([, value]) => value)));
  }

  return (
    <>
      <div className="page-heading">
        <h1>Requests</h1>
        <a href={href('requests', 'sessions')}>Sessions</a>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filter requests">
        {filterFields.map((field) => (
          <label key={field.name}>
            {field.label}
            <input
              name={field.name}
              value={draft[field.name] ?? ''}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit">Apply filters</button>
      </form>
      <LoadedView loaded={loaded}>
        {(page) =>
          page.data.length === 0 && cursors.length === 0 && Object.keys(filter).length === 0 ? (
            <FirstCallGuide />
          ) : (
            <>
              <RequestTable rows={page.data} caption="Requests, newest first" />
              <div className="pager">
                <button
                  type="button"
                  className="secondary"
                  disabled={cursors.length === 0}
                  onClick={() => setCursors(cursors.slice(0, -1))}
                >
                  Newer
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={!page.next_cursor}
                  onClick={() => page.next_cursor && setCursors([...cursors, page.next_cursor])}
                >
                  Older
                </button>
              </div>
            </>
          )
        }
      </LoadedView>
    </>
  );
}
