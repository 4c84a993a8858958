import { RequestDetailView } from './request-detail-view.js';
import { RequestList } from './request-list.js';
import { SessionList } from './session-list.js';
import { SessionThread } from './session-thread.js';

/** `#/requests` (the log), `#/requests/<id>` (one request), `#/requests/sessions[/<id>]` (sessions as threads). */
export default function RequestsPage({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (first === 'sessions') return second ? <SessionThread id={second} /> : <SessionList />;
  if (first) return <RequestDetailView id={first} />;
  return <RequestList />;
}
