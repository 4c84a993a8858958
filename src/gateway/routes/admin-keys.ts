import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Principal } from '../../core/types.js';
import { mayGrant, roleOf, visibleTeams } from '../../governance/roles.js';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';
import { createKeySchema, idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

/**
 * Checks the user a new key belongs to: it exists and is active, the key's team is one of theirs (a key
 * of a user with one team gets that team), and the caller may grant the user's role, so nobody mints a
 * key that acts with more than they hold. Returns the metadata to store.
 */
async function ownedMetadata(
  stack: Stack,
  principal: Principal,
  metadata: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (typeof metadata?.user !== 'string') return metadata;
  const member = await stack.access.directory.membershipOf(metadata.user);
  if (member === undefined)
    throw new StrataError('invalid_request', `No active user with id \`${metadata.user}\`.`, {
      param: 'metadata.user',
    });
  const granter = roleOf(principal) ?? 'owner';
  if (!mayGrant(granter, member.role))
    throw new StrataError(
      'permission_denied',
      `The ${granter} role may not issue a key for a user with the ${member.role} role.`,
      { param: 'metadata.user' },
    );
  const team = typeof metadata.team === 'string' ? metadata.team : undefined;
  if (team === undefined)
    return member.teams.length === 1 ? { ...metadata, team: member.teams[0] } : metadata;
  if (member.teams.length > 0 && !member.teams.includes(team))
    throw new StrataError('invalid_request', `User \`${member.userId}\` is not in team \`${team}\`.`, {
      param: 'metadata.team',
    });
  return metadata;
}

/** `/admin/v1/keys`: create (the secret is shown once), list and revoke virtual keys. */
export function adminKeysRoutes(app: FastifyInstance, stack: Stack): void {
  app.post('/admin/v1/keys', needs('keys:write'), async (request, reply) => {
    const body = validate(createKeySchema, request.body);
    const metadata = await ownedMetadata(stack, request.principal, body.metadata);
    const created = await stack.keys.create({ name: body.name, ...(metadata && { metadata }) });
    request.auditTarget = created.id;
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
