import { useState } from 'react';
import type { ProviderHealth } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { ProviderHealthTable } from '../../components/provider-health-table.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

function price(value: number | string | null | undefined): string {
  return typeof value === 'number' ? `$${value}` : '—';
}

/** Provider health, which only the master key may read. */
function ProviderHealthSection() {
  const { api } = useSignedIn();
  const loaded = useLoad<ProviderHealth[]>(() => api.providers(), [api]);
  return (
    <section aria-labelledby="provider-health-heading">
      <h2 id="provider-health-heading">Provider health</h2>
      <LoadedView loaded={loaded}>{(providers) => <ProviderHealthTable providers={providers} />}</LoadedView>
    </section>
  );
}

/**
 * The models a key can call, searchable, with prices per million tokens and context windows; for the
 * master key, each provider's health first.
 */
export default function ModelsPage() {
  const { api, role } = useSignedIn();
  const loaded = useLoad(() => api.models(), [api]);
  const [search, setSearch] = useState('');
  return (
    <>
      <h1>Models</h1>
      {role === 'master' && <ProviderHealthSection />}
      <h2>Catalog</h2>
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
            <TableScroll label={'Model catalog'}>
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
            </TableScroll>
          );
        }}
      </LoadedView>
    </>
  );
}
