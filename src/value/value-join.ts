import type { LedgerRow } from '../store/ledger-row.js';
import type { OutcomePoster, OutcomeRecord } from '../store/outcomes-repository.js';
import type { ValueRequest } from '../store/value-queries.js';

/** One request with every ledger attempt that served it and the outcomes attached to it. */
export interface JoinedRequest {
  request: ValueRequest;
  /** Every attempt: primary, retries, fallbacks, hedges, escalations, verifiers, judges, cache hits. */
  attempts: LedgerRow[];
  /** USD of the priced attempts. */
  costUsd: number;
  /** USD cache hits saved on this request. */
  savedUsd: number;
  outcomes: OutcomeRecord[];
}

/** An outcome with the requests it was attached to (none when they are outside the window). */
export interface JoinedOutcome {
  outcome: OutcomeRecord;
  requestIds: string[];
  /** USD of every attempt of those requests. */
  costUsd: number;
}

/** Requests, attempts and outcomes of one window, joined. */
export interface ValueJoin {
  requests: JoinedRequest[];
  outcomes: JoinedOutcome[];
}

function push<K, V>(map: Map<K, V[]>, key: K | null | undefined, value: V): void {
  if (key === null || key === undefined) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True when `other` (a call's attempt, or a key posting) is the poster's own key or of its team. */
export function ofPoster(
  poster: OutcomePoster,
  other: { keyId: string | null; team: string | null },
): boolean {
  return (
    (poster.keyId !== null && other.keyId === poster.keyId) ||
    (poster.team !== null && other.team === poster.team)
  );
}

/** Whether an outcome may join a request: a trusted poster's joins any; a key's, its own and its team's. */
function joins(outcome: OutcomeRecord, joined: JoinedRequest): boolean {
  const poster = outcome.postedBy;
  return poster === undefined || joined.attempts.some((attempt) => ofPoster(poster, attempt));
}

/**
 * Joins a window's requests with their ledger attempts (by request id) and outcomes with the requests
 * they name: a request id directly, a trace id through the ledger, a session or correlation id through
 * the request log. An outcome posted by a key joins only calls made with that key or by its team. An
 * outcome may arrive days after its requests; it joins whenever it is read.
 */
export function joinValue(
  requests: readonly ValueRequest[],
  ledger: readonly LedgerRow[],
  outcomes: readonly OutcomeRecord[],
): ValueJoin {
  const byId = new Map<string, JoinedRequest>();
  for (const request of requests)
    byId.set(request.requestId, { request, attempts: [], costUsd: 0, savedUsd: 0, outcomes: [] });
  const byTrace = new Map<string, string[]>();
  for (const row of ledger) {
    const joined = byId.get(row.requestId);
    if (!joined) continue;
    joined.attempts.push(row);
    joined.costUsd += row.costUsd ?? 0;
    joined.savedUsd += row.savedUsd ?? 0;
    if (row.attempt === 1 || row.purpose === 'cache_hit') push(byTrace, row.traceId, row.requestId);
  }
  const bySession = new Map<string, string[]>();
  const byCorrelation = new Map<string, string[]>();
  for (const request of requests) {
    push(bySession, request.sessionId, request.requestId);
    push(byCorrelation, request.correlationId, request.requestId);
  }
  const lookup = {
    request: (subject: string) => (byId.has(subject) ? [subject] : []),
    trace: (subject: string) => byTrace.get(subject) ?? [],
    session: (subject: string) => bySession.get(subject) ?? [],
    correlation: (subject: string) => byCorrelation.get(subject) ?? [],
  };
  const joinedOutcomes = outcomes.map((outcome) => {
    const named = [...new Set(lookup[outcome.subjectKind](outcome.subject))].flatMap((id) => {
      const joined = byId.get(id);
      return joined && joins(outcome, joined) ? [joined] : [];
    });
    let costUsd = 0;
    for (const joined of named) {
      joined.outcomes.push(outcome);
      costUsd += joined.costUsd;
    }
    return { outcome, requestIds: named.map((joined) => joined.request.requestId), costUsd };
  });
  return { requests: [...byId.values()], outcomes: joinedOutcomes };
}
