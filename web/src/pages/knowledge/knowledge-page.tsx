import { useState } from 'react';
import { LoadedView } from '../../components/loaded-view.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { BaseDocuments } from './base-documents.js';
import { NewBaseForm } from './new-base-form.js';
import { SearchTester } from './search-tester.js';

/** Knowledge bases: their documents, uploads with progress, and a search tester with scores and chunks. */
export default function KnowledgePage() {
  const { api, role } = useSignedIn();
  const loaded = useLoad(() => api.knowledgeBases(role === 'master'), [api, role]);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <>
      <h1>Knowledge</h1>
      <LoadedView loaded={loaded}>
        {(bases) => {
          const kb = chosen ?? bases[0]?.name ?? null;
          return (
            <>
              {bases.length === 0 ? (
                <p className="hint">
                  {role === 'master'
                    ? 'No knowledge bases yet. Create one below, then upload files into it.'
                    : 'This key may read no knowledge base.'}
                </p>
              ) : (
                <label className="inline-field">
                  Knowledge base{' '}
                  <select value={kb ?? ''} onChange={(event) => setChosen(event.target.value)}>
                    {bases.map((base) => (
                      <option key={base.name} value={base.name}>
                        {base.name} ({base.documents} documents)
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {kb && <SearchTester kb={kb} />}
              {kb && role === 'master' && <BaseDocuments kb={kb} onChanged={loaded.reload} />}
              {role === 'master' && (
                <NewBaseForm
                  onCreated={(name) => {
                    setChosen(name);
                    loaded.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </LoadedView>
    </>
  );
}
