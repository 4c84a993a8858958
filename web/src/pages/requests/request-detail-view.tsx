import type { RequestDetail, Span } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { count, duration, time, usd } from '../../format.js';
import { routeInWords } from '../../route-in-words.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';
import { useLoad } from '../../use-load.js';
import { AttemptsTable } from './attempts-table.js';
import { SpanWaterfall } from './span-waterfall.js';
import { StatusBadge } from './status-badge.js';

function captured(spans: Span[], attribute: string): string | undefined {
  for (const span of spans) {
    const value = span.attributes[attribute];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One request: summary, the route in words, the span waterfall, attempts with cost, verdicts, content. */
export function RequestDetailView({ id }: { id: string }) {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.request(id), [api, id]);
  return (
    <>
      <div className="page-heading">
        <h1>Request {id}</h1>
        <a href={href('requests')}>All requests</a>
      </div>
      <LoadedView loaded={loaded}>{(request) => <RequestDetailBody request={request} />}</LoadedView>
    </>
  );
}

function RequestDetailBody({ request }: { request: RequestDetail }) {
  const servedBy = request.served_model ? `${request.provider ?? ''}/${request.served_model}` : null;
  const prompt = captured(request.spans, 'gen_ai.input.messages');
  const answer = captured(request.spans, 'gen_ai.output.messages');
  return (
    <>
      <dl className="facts">
        <dt>Time</dt>
        <dd>{time(request.created_at)}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={request.status} code={request.error_code} />
        </dd>
        <dt>Model asked for</dt>
        <dd>{request.model ?? '—'}</dd>
        <dt>Served by</dt>
        <dd>{servedBy ?? '—'}</dd>
        <dt>Cost</dt>
        <dd>{usd(request.cost_usd)}</dd>
        <dt>Tokens</dt>
        <dd>
          {count(request.input_tokens)} in, {count(request.output_tokens)} out
          {request.usage_estimated ? ' (estimated)' : ''}
        </dd>
        <dt>Latency</dt>
        <dd>
          {duration(request.latency_ms)}
          {request.ttft_ms !== null ? `, first token after ${duration(request.ttft_ms)}` : ''}
        </dd>
        <dt>Key</dt>
        <dd>{request.key_id ?? '—'}</dd>
        <dt>Session</dt>
        <dd>
          {request.session_id ? (
            <a href={href('requests', 'sessions', request.session_id)}>{request.session_id}</a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Trace id</dt>
        <dd>
          <code>{request.trace_id ?? '—'}</code>
        </dd>
      </dl>
      <section aria-labelledby="route-heading">
        <h2 id="route-heading">Route decision</h2>
        <ol className="route-words">
          {routeInWords(request.route, servedBy).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="spans-heading">
        <h2 id="spans-heading">Spans</h2>
        <SpanWaterfall spans={request.spans} />
      </section>
      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Attempts and cost</h2>
        <AttemptsTable attempts={request.attempts} />
      </section>
      {request.route && request.route.verdicts.length > 0 && (
        <section aria-labelledby="verdicts-heading">
          <h2 id="verdicts-heading">Verifier verdicts</h2>
          <ul className="plain-list">
            {request.route.verdicts.map((verdict) => (
              <li key={`${verdict.tier}-${verdict.verifier}`}>
                Tier {verdict.tier}, {verdict.verifier}:{' '}
                <span className={verdict.pass ? 'badge ok' : 'badge failed'}>
                  {verdict.pass ? 'pass' : 'fail'}
                </span>{' '}
                score {verdict.score.toFixed(2)}
                {verdict.reason ? ` — ${verdict.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="content-heading">
        <h2 id="content-heading">Prompt and response</h2>
        {prompt || answer ? (
          <>
            {prompt && (
              <details open>
                <summary>Prompt</summary>
                <pre>{pretty(prompt)}</pre>
              </details>
            )}
            {answer && (
              <details open>
                <summary>Response</summary>
                <pre>{pretty(answer)}</pre>
              </details>
            )}
          </>
        ) : (
          <p className="hint">
            Not captured. Set <code>observability.capture_content: true</code> to keep prompts and answers.
          </p>
        )}
      </section>
    </>
  );
}
