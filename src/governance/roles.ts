import { type Principal, type Role, roleNames } from '../core/types.js';

/** Every role, most powerful first. */
export const roles = roleNames;

/** What an admin route may need; each admin route declares exactly one. */
export const permissions = [
  'api:read',
  'spend:read',
  'keys:read',
  'keys:write',
  'budgets:read',
  'budgets:write',
  'knowledge:read',
  'knowledge:write',
  'requests:read',
  'alerts:read',
  'routes:read',
  'settings:read',
  'guardrails:read',
  'users:read',
  'users:write',
  'audit:read',
  'data:erase',
  'evaluation:read',
  'evaluation:write',
  'value:read',
  'value:write',
] as const;

/** One permission of the admin API. */
export type Permission = (typeof permissions)[number];

/** What each permission lets a caller do, for the generated docs table. */
export const permissionDescriptions: Record<Permission, string> = {
  'api:read': 'read the API description',
  'spend:read': 'read spend from the ledger',
  'keys:read': 'list virtual keys (never their secrets)',
  'keys:write': 'create and revoke virtual keys',
  'budgets:read': 'list budgets and their current spend',
  'budgets:write': 'create, change and delete budgets',
  'knowledge:read': 'list knowledge bases and their documents',
  'knowledge:write': 'create and delete knowledge bases, add and remove documents',
  'requests:read': 'read the request log, sessions, stats and traces',
  'alerts:read': 'read the alert history',
  'routes:read': 'read the configured routes, their outcomes and the routing bench report',
  'settings:read': 'read the effective configuration (secrets masked) and provider health',
  'guardrails:read': 'read the guardrail rules',
  'users:read': 'list organisations, teams, users and service accounts',
  'users:write': 'create and change organisations, teams, users and service accounts',
  'audit:read': 'read and export the audit log',
  'data:erase': 'erase everything stored about a user or end-user id',
  'evaluation:read': 'read datasets, experiment results and prompt versions',
  'evaluation:write': 'create and change datasets and prompts, and move prompt labels',
  'value:read': 'read value metrics, savings, the ROI report and A/B results',
  'value:write': 'create, start and stop A/B experiments, and run the simulator',
};

const reads: readonly Permission[] = permissions.filter(
  (permission) => permission.endsWith(':read') && permission !== 'audit:read',
);

/** The permission table: what each role may do. The master key is the owner. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  owner: permissions,
  admin: permissions.filter((permission) => permission !== 'data:erase'),
  // A member sees only their own teams' keys and spend (`teamScoped`).
  member: ['api:read', 'spend:read', 'keys:read', 'routes:read'],
  viewer: reads,
  billing: ['api:read', 'spend:read'],
};

/** True when the role's reads are limited to the caller's own teams. */
export function teamScoped(role: Role): boolean {
  return role === 'member';
}

/** Whether `role` holds `permission`. */
export function allows(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** The principal's role in the admin API: the master key is the owner; other callers have the role they hold. */
export function roleOf(principal: Principal): Role | undefined {
  return principal.kind === 'master' ? 'owner' : principal.role;
}

/**
 * True when the caller acts for every team: the master key, an owner or an admin, or anyone when the
 * gateway runs without keys. Feedback and outcomes from anyone else are confined to their own team's calls.
 */
export function actsForEveryTeam(principal: Principal): boolean {
  const role = roleOf(principal);
  return principal.kind === 'anonymous' || role === 'owner' || role === 'admin';
}

/** The teams a principal's reads are limited to, or undefined when it sees every team. */
export function visibleTeams(principal: Principal): readonly string[] | undefined {
  const role = roleOf(principal);
  if (role === undefined || !teamScoped(role)) return undefined;
  return principal.teams ?? (principal.team ? [principal.team] : []);
}

/** A role from untrusted input, or undefined when it names none. */
export function parseRole(value: unknown): Role | undefined {
  return roles.find((role) => role === value);
}

/** True when a caller holding `granter` may hand out `granted`: nobody grants more than they hold. */
export function mayGrant(granter: Role, granted: Role): boolean {
  if (granter === 'owner') return true;
  if (granter !== 'admin') return false;
  return granted !== 'owner';
}
