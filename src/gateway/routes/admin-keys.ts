import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Principal } from '../../core/types.js';
import { mayGrant, parseRole, roleOf, roles, visibleTeams } from '../../governance/roles.js';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';
import { createKeySchema, idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** Refuses a key whose role is more than its creator holds, so no caller can raise their own access. */
function checkGrant(principal: Principal, metadata: Record<string, unknown> | undefined): void {
  if (metadata?.role === undefined) return;
  const granted = parseRole(metadata.role);
  if (granted === undefined)
    throw new StrataError('invalid_request', `metadata.role must be one of ${roles.join(', ')}.`, {
      param: 'metadata.role',
    });
  const granter = roleOf(principal);
  if (granter !== undefined && !mayGrant(granter, granted))
    throw new StrataError(
      'permission_denied',
      `The ${granter} role may not issue a key with the ${granted} role.`,
      {
        param: 'metadata.role',
      },
    );
}

/** `/admin/v1/keys`: create (the secret is shown once), list and revoke virtual keys. */
export function adminKeysRoutes(app: FastifyInstance, stack: Stack): void {
  app.post('/admin/v1/keys', needs('keys:write'), async (request, reply) => {
    const body = validate(createKeySchema, request.body);
    checkGrant(request.principal, body.metadata);
    const created = await stack.keys.create({
      name: body.name,
      ...(body.metadata && { metadata: body.metadata }),
    });
    return reply.code(201).send(created);
  });
  app.get('/admin/v1/keys', needs('keys:read'), async (request) => {
    const teams = visibleTeams(request.principal);
    const keys = await stack.keys.list();
    const data =
      teams === undefined ? keys : keys.filter((key) => teams.includes(String(key.metadata.team ?? '')));
    return { object: 'list', data };
  });
  app.delete('/admin/v1/keys/:id', needs('keys:write'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    if (!(await stack.keys.revoke(id))) {
      throw new StrataError('not_found', `No active key with id \`${id}\`.`, { param: 'id' });
    }
    return { id, revoked: true };
  });
}
