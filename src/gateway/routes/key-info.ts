import type { FastifyInstance } from 'fastify';
import { rolePermissions } from '../../governance/roles.js';
import { spendsNothing } from '../route-table.js';

/**
 * `GET /v1/key`: the key the request sent — master or virtual, its id, name, team and the knowledge bases
 * it may read — so a client such as the dashboard shows only what that key may do.
 */
export function keyInfoRoute(app: FastifyInstance): void {
  app.get('/v1/key', spendsNothing, async (request) => {
    const principal = request.principal;
    // What the key may do in the admin API; development mode serves every route as to the owner.
    const role = principal.kind === 'virtual' ? principal.role : 'owner';
    return {
      object: 'key',
      // Without authentication (development), every route is open as to the master key.
      kind: principal.kind === 'virtual' ? 'virtual' : 'master',
      id: principal.keyId,
      name: principal.keyName,
      team: principal.team ?? null,
      knowledge: principal.kind === 'virtual' ? [...(principal.knowledge ?? [])] : ['*'],
      role: role ?? null,
      permissions: role === undefined ? [] : [...rolePermissions[role]],
    };
  });
}
