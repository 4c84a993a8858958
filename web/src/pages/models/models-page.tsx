import { useState } from 'react';
import { LoadedView } from '../../components/loaded-view.js';
import { count } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

function price(value: number | string | null | undefined): string {
  return typeof value === 'number' ? `$${value}` : '—';
}

/** The models a key can call, searchable, with prices per million tokens and context windows. */
export default function ModelsPage() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.models(), [api]);
  const [search, setSearch] = useState('');
  return (
    <>
      <h1>Models</h1>
      <label className="inline-field">
        Search models{' '}
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <LoadedView loaded={loaded}>
        {(models) => {
          const shown = models.filter((model) =>
            model.id.toLowerCase().includes(search.trim().toLowerCase()),
          );
          return (
            <div className="table-scroll">
              <table>
                <caption>
                  {shown.length} of {models.length} models. Prices in USD per million tokens.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Provider</th>
                    <th scope="col" className="number">
                      Input
                    </th>
                    <th scope="col" className="number">
                      Output
                    </th>
                    <th scope="col" className="number">
                      Context window
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((model) => (
                    <tr key={model.id}>
                      <th scope="row">{model.id}</th>
                      <td>{model.owned_by}</td>
                      <td className="number">{price(model.pricing?.input)}</td>
                      <td className="number">{price(model.pricing?.output)}</td>
                      <td className="number">{model.context_window ? count(model.context_window) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </LoadedView>
    </>
  );
}
