import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '../config/env.js';
import { parseConfig } from '../config/load.js';
import { permissionDescriptions, permissions, rolePermissions, roles } from '../governance/roles.js';
import { createStack } from '../pipeline/stack.js';
import { createApp } from './app.js';
import { type RouteEntry, routeTableOf } from './route-table.js';

/** The command that rewrites `docs/permissions.md`. */
export const permissionsReferenceCommand = 'npm run build && node scripts/permissions-reference.mjs';

/** The admin routes of a route table, HEAD twins left out, in path order. */
export function adminRoutesOf(table: readonly RouteEntry[]): RouteEntry[] {
  return table
    .filter((route) => route.url.startsWith('/admin/') && route.method !== 'HEAD')
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** The Markdown page listing every admin route with its permission, and what each role holds. */
export function permissionsReference(table: readonly RouteEntry[]): string {
  const tick = (held: boolean) => (held ? 'yes' : '—');
  const lines = [
    '# Roles and permissions',
    '',
    `<!-- Generated from the route table and \`src/governance/roles.ts\`; run \`${permissionsReferenceCommand}\`. -->`,
    '',
    'Every admin route declares the one permission it needs. The master key is the `owner`. A `member`',
    "sees only its own teams' keys and spend; no caller may grant a role above its own.",
    '',
    '## Roles',
    '',
    `| permission | what it allows | ${roles.join(' | ')} |`,
    `|---|---|${roles.map(() => '---').join('|')}|`,
    ...permissions.map(
      (permission) =>
        `| \`${permission}\` | ${permissionDescriptions[permission]} | ${roles
          .map((role) => tick(rolePermissions[role].includes(permission)))
          .join(' | ')} |`,
    ),
    '',
    '## Admin routes',
    '',
    `| route | permission | ${roles.join(' | ')} |`,
    `|---|---|${roles.map(() => '---').join('|')}|`,
    ...adminRoutesOf(table).map((route) => {
      const permission = route.permission;
      const held = roles.map((role) =>
        tick(permission !== undefined && rolePermissions[role].includes(permission)),
      );
      return `| \`${route.method} ${route.url}\` | ${permission ? `\`${permission}\`` : '**none**'} | ${held.join(' | ')} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/** Builds the gateway on an empty store and returns the reference its route table generates. */
export async function currentPermissionsReference(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'strata-permissions-'));
  const environment = readEnvironment({ STRATA_HOME: home });
  const parsed = parseConfig({}, environment);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  const stack = await createStack(parsed.value, environment);
  try {
    const app = createApp({ stack });
    await app.ready();
    const reference = permissionsReference(routeTableOf(app));
    await app.close();
    return reference;
  } finally {
    await stack.close();
    await rm(home, { recursive: true, force: true });
  }
}
