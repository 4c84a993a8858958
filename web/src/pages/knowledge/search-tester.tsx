import { type FormEvent, useState } from 'react';
import type { KnowledgeHit } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useSignedIn } from '../../signed-in.js';

/** Runs a search on a base and shows each chunk with its score, document and heading path. */
export function SearchTester({ kb }: { kb: string }) {
  const { api } = useSignedIn();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState('hybrid');
  const [hits, setHits] = useState<KnowledgeHit[] | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setHits(await api.search(kb, query, mode));
    } catch (failure) {
      setError(failure as Error);
    }
  }

  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading">Search {kb}</h2>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Query
          <input required value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <label>
          Mode
          <select value={mode} onChange={(event) => setMode(event.target.value)}>
            <option value="hybrid">hybrid</option>
            <option value="bm25">bm25</option>
            <option value="vector">vector</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {error && <ErrorNotice error={error} />}
      {hits && hits.length === 0 && <p className="hint">No chunk matches.</p>}
      {hits && hits.length > 0 && (
        <ol className="hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <p className="hit-meta">
                <strong>score {hit.score.toFixed(3)}</strong> · {hit.title ?? hit.document_id}
                {hit.heading_path.length > 0 ? ` › ${hit.heading_path.join(' › ')}` : ''} · characters{' '}
                {hit.char_start}–{hit.char_end}
              </p>
              <blockquote>{hit.text}</blockquote>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
