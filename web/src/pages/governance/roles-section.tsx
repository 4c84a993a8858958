import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** The permission table: which role holds which permission. */
export function RolesSection() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.roles(), [api]);
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <LoadedView loaded={loaded}>
        {(table) => (
          <TableScroll label="Roles table">
            <table>
              <caption className="visually-hidden">What each role may do</caption>
              <thead>
                <tr>
                  <th scope="col">Permission</th>
                  {table.data.map((role) => (
                    <th scope="col" key={role.name}>
                      {role.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.permissions.map((permission) => (
                  <tr key={permission.name}>
                    <th scope="row">
                      <code>{permission.name}</code> <span className="hint">{permission.description}</span>
                    </th>
                    {table.data.map((role) => (
                      <td key={role.name}>{role.permissions.includes(permission.name) ? 'Yes' : 'No'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </LoadedView>
    </section>
  );
}
