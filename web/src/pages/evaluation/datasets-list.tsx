import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { count, time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** The stored datasets with their current version and size. */
export function DatasetsList() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.datasets(), [api]);
  return (
    <section aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">Datasets</h2>
      <LoadedView loaded={loaded}>
        {(datasets) =>
          datasets.length === 0 ? (
            <p className="hint">
              No datasets yet. Import one with <code>strata datasets import name items.jsonl</code>, or make
              one from logged calls with <code>strata datasets from-traffic</code>.
            </p>
          ) : (
            <TableScroll label="Datasets table">
              <table>
                <caption className="visually-hidden">Datasets</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col" className="number">
                      Version
                    </th>
                    <th scope="col" className="number">
                      Items
                    </th>
                    <th scope="col">Updated</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {datasets.map((dataset) => (
                    <tr key={dataset.name}>
                      <th scope="row">{dataset.name}</th>
                      <td className="number">{dataset.version}</td>
                      <td className="number">{count(dataset.items)}</td>
                      <td>{time(dataset.updated_at)}</td>
                      <td>{dataset.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </LoadedView>
    </section>
  );
}
