import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier, storedText } from '../../config/identifier.js';
import { StrataError } from '../../core/errors.js';
import type { OrganisationRecord, TeamRecord, UserRecord } from '../../governance/directory.js';
import {
  permissionDescriptions,
  permissions,
  roleOf,
  rolePermissions,
  roles,
} from '../../governance/roles.js';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';
import { idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

const role = z.enum(roles);
const email = z
  .string()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address');

// Null: the organisation follows `observability.retention.content_days`.
const contentRetentionDays = z.number().int().min(1).max(36_500).nullable().optional();
const organisationSchema = z.strictObject({
  id: identifier(64),
  name: storedText(200).optional(),
  content_retention_days: contentRetentionDays,
});
const organisationChangesSchema = z
  .strictObject({ name: storedText(200).min(1).optional(), content_retention_days: contentRetentionDays })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change');
const teamSchema = z.strictObject({
  id: identifier(64),
  name: storedText(200).optional(),
  organisation: identifier(64).optional(),
});
const userSchema = z.strictObject({
  id: identifier(64).optional(),
  kind: z.enum(['user', 'service']).default('user'),
  name: storedText(200).min(1),
  email: email.optional(),
  role,
  teams: z.array(identifier(64)).max(100).optional(),
  organisation: identifier(64).optional(),
  subject: identifier(512).optional(),
});
const userChangesSchema = z
  .strictObject({
    name: storedText(200).min(1).optional(),
    email: email.nullable().optional(),
    role: role.optional(),
    teams: z.array(identifier(64)).max(100).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change');
const usersQuerySchema = z.strictObject({ team: identifier(64).optional() });

/** An organisation as the admin API shows it. */
function organisationView(organisation: OrganisationRecord) {
  return {
    object: 'organisation',
    id: organisation.id,
    name: organisation.name,
    content_retention_days: organisation.contentRetentionDays,
    created_at: organisation.createdAt,
  };
}

/** A team as the admin API shows it. */
function teamView(team: TeamRecord) {
  return {
    object: 'team',
    id: team.id,
    name: team.name,
    organisation: team.organisationId,
    created_at: team.createdAt,
  };
}

/** A user or service account as the admin API shows it. */
export function userView(user: UserRecord) {
  return {
    object: user.kind === 'service' ? 'service_account' : 'user',
    id: user.id,
    kind: user.kind,
    name: user.name,
    email: user.email,
    role: user.role,
    teams: user.teams,
    organisation: user.organisationId,
    sso: user.subject !== null,
    created_at: user.createdAt,
    disabled_at: user.disabledAt,
  };
}

/** `/admin/v1/organisations`, `/teams` and `/users`: who exists, in which team, with which role. */
export function adminDirectoryRoutes(app: FastifyInstance, stack: Stack): void {
  const directory = stack.access.directory;
  app.get('/admin/v1/roles', needs('api:read'), async () => ({
    object: 'list',
    data: roles.map((name) => ({ object: 'role', name, permissions: rolePermissions[name] })),
    permissions: permissions.map((name) => ({ name, description: permissionDescriptions[name] })),
  }));
  app.get('/admin/v1/organisations', needs('users:read'), async () => ({
    object: 'list',
    data: (await directory.listOrganisations()).map(organisationView),
  }));
  app.post('/admin/v1/organisations', needs('users:write'), async (request, reply) => {
    const body = validate(organisationSchema, request.body);
    request.auditTarget = body.id;
    const created = await directory.createOrganisation({
      id: body.id,
      name: body.name,
      contentRetentionDays: body.content_retention_days,
    });
    return reply.code(201).send(organisationView(created));
  });
  app.patch('/admin/v1/organisations/:id', needs('users:write'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const changes = validate(organisationChangesSchema, request.body);
    request.auditTarget = id;
    return organisationView(
      await directory.updateOrganisation(id, {
        name: changes.name,
        contentRetentionDays: changes.content_retention_days,
      }),
    );
  });
  app.get('/admin/v1/teams', needs('users:read'), async () => ({
    object: 'list',
    data: (await directory.listTeams()).map(teamView),
  }));
  app.post('/admin/v1/teams', needs('users:write'), async (request, reply) => {
    const body = validate(teamSchema, request.body);
    request.auditTarget = body.id;
    return reply.code(201).send(teamView(await directory.createTeam(body)));
  });
  app.get('/admin/v1/users', needs('users:read'), async (request) => {
    const query = validate(usersQuerySchema, request.query);
    return { object: 'list', data: (await directory.listUsers({ team: query.team })).map(userView) };
  });
  app.post('/admin/v1/users', needs('users:write'), async (request, reply) => {
    const body = validate(userSchema, request.body);
    const created = await directory.createUser(body, roleOf(request.principal) ?? 'owner');
    request.auditTarget = created.id;
    return reply.code(201).send(userView(created));
  });
  app.get('/admin/v1/users/:id', needs('users:read'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const user = await directory.getUser(id);
    if (!user) throw new StrataError('not_found', `No user with id \`${id}\`.`, { param: 'id' });
    return userView(user);
  });
  app.patch('/admin/v1/users/:id', needs('users:write'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const changes = validate(userChangesSchema, request.body);
    const updated = await directory.updateUser(id, changes, roleOf(request.principal) ?? 'owner');
    // This replica applies the change at once; others within their ten-second key cache.
    stack.keys.forgetUser(id);
    stack.access.sso?.forgetUser(id);
    return userView(updated);
  });
}
