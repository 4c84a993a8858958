import { useEffect, useRef, useState } from 'react';
import type { ChatMessage, ChatResult } from '../../api.js';
import { count, usd } from '../../format.js';
import { parseRouteHeader, routeInWords } from '../../route-in-words.js';
import { useSignedIn } from '../../signed-in.js';
import { href } from '../../use-hash-route.js';

/** A message the user sent to every column. */
export interface Turn {
  id: number;
  prompt: string;
}

interface Reply {
  text: string;
  result?: ChatResult;
  cost?: number | null;
  error?: string;
}

/** One model's side of the conversation: each turn's streamed answer with its cost, tokens, route and citations. */
export function ChatColumn({ model, kb, turns }: { model: string; kb: string; turns: Turn[] }) {
  const { api, role } = useSignedIn();
  const [replies, setReplies] = useState<Reply[]>([]);
  const started = useRef(0);
  // Each column's conversation is a session, so it shows as one thread under Requests.
  const [session] = useState(
    () => `playground-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reply starts once per new turn, with the history as it was.
  useEffect(() => {
    if (turns.length === 0) {
      started.current = 0;
      setReplies([]);
      return;
    }
    if (turns.length <= started.current) return;
    const index = turns.length - 1;
    started.current = turns.length;
    const history: ChatMessage[] = [];
    turns.forEach((turn, at) => {
      history.push({ role: 'user', content: turn.prompt });
      const answered = replies[at]?.text;
      if (at < index && answered) history.push({ role: 'assistant', content: answered });
    });
    const update = (reply: Reply) =>
      setReplies((previous) => {
        const next = [...previous];
        next[index] = reply;
        return next;
      });
    update({ text: '' });
    api
      .chat(model, history, { ...(kb && { kb }), session, onText: (text) => update({ text }) })
      .then(async (result) => {
        update({ text: result.text, result });
        if (role !== 'master' || !result.requestId) return;
        // A stream's cost is settled after its last chunk; the request log has it a moment later.
        for (let tries = 0; tries < 10; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          const page = await api.requests({ session }).catch(() => undefined);
          const row = page?.data.find((candidate) => candidate.id === result.requestId);
          if (row) return update({ text: result.text, result, cost: row.cost_usd });
        }
      })
      .catch((error: unknown) =>
        update({ text: '', error: error instanceof Error ? error.message : String(error) }),
      );
  }, [turns]);

  return (
    <section className="chat-column" aria-label={`Answers from ${model}`}>
      <h2>{model}</h2>
      {turns.length === 0 && <p className="hint">Send a message to start.</p>}
      <ol className="chat-log" aria-live="polite">
        {turns.map((turn, index) => (
          <li key={turn.id}>
            <p className="chat-prompt">
              <span className="visually-hidden">You: </span>
              {turn.prompt}
            </p>
            <ReplyView reply={replies[index]} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReplyView({ reply }: { reply: Reply | undefined }) {
  const { role } = useSignedIn();
  if (!reply) return null;
  if (reply.error)
    return (
      <p role="alert" className="error">
        {reply.error}
      </p>
    );
  const result = reply.result;
  return (
    <div className="chat-answer">
      <p>{reply.text || (result ? '(empty answer)' : 'Waiting for the first token…')}</p>
      {result && (
        <>
          <p className="answer-facts">
            Served by {result.servedModel || 'unknown'}
            {result.usage
              ? ` · ${count(result.usage.prompt_tokens)} tokens in, ${count(result.usage.completion_tokens)} out`
              : ''}
            {reply.cost !== undefined ? ` · cost ${usd(reply.cost)}` : ''}
            {role === 'master' && result.requestId && (
              <>
                {' · '}
                <a href={href('requests', result.requestId)}>Trace of this request</a>
              </>
            )}
          </p>
          {result.route && (
            <details>
              <summary>Route decision</summary>
              <ul>
                {routeInWords(parseRouteHeader(result.route), result.servedModel).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          )}
          {result.citations.length > 0 && (
            <section aria-label="Citations" className="citations">
              <h3>Citations</h3>
              <ol>
                {result.citations.map((citation) => (
                  <li key={`${citation.index}-${citation.chunk_id}`}>
                    <q>{citation.text}</q> — {citation.title ?? citation.document_id}
                    <span className="hint"> ({citation.source})</span>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </div>
  );
}
