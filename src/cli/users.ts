import { StrataError } from '../core/errors.js';
import type { OrganisationRecord, UserRecord } from '../governance/directory.js';
import { parseRole, roles } from '../governance/roles.js';
import { createStack, type Stack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';

/** Options of `strata users` and `strata teams`. */
export interface DirectoryOptions {
  config?: string;
  json: boolean;
  id?: string;
  name?: string;
  role?: string;
  teams?: string[];
  email?: string;
  service?: boolean;
  subject?: string;
  organisation?: string;
  /** Days, or `global` to follow the global setting. */
  contentRetentionDays?: string;
  disable?: boolean;
  enable?: boolean;
}

/** Opens the stack for one command and closes it after, turning catalogue errors into CLI errors. */
async function withStack(config: string | undefined, work: (stack: Stack) => Promise<void>): Promise<void> {
  const loaded = await loadConfigOrFail(config);
  const stack = await openingStore(loaded.config, () => createStack(loaded.config, loaded.environment));
  try {
    await work(stack);
  } catch (error) {
    if (error instanceof StrataError) throw new CliError(error.message);
    throw error;
  } finally {
    await stack.close();
  }
}

function roleOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const role = parseRole(value);
  if (role === undefined) throw new CliError(`--role must be one of ${roles.join(', ')}, got \`${value}\``);
  return role;
}

function line(user: UserRecord): string {
  const teams = user.teams.length > 0 ? user.teams.join(',') : '-';
  const state = user.disabledAt ? `  DISABLED ${user.disabledAt}` : '';
  return `${user.id}  ${user.kind}  ${user.role}  ${user.name}${user.email ? ` <${user.email}>` : ''}  teams ${teams}${state}`;
}

/** `strata users create|list|set`: users and service accounts, straight in the store (as the owner). */
export async function usersCommand(action: string | undefined, options: DirectoryOptions): Promise<void> {
  await withStack(options.config, async (stack) => {
    const directory = stack.access.directory;
    if (action === 'create') {
      const role = roleOption(options.role);
      if (!options.name || role === undefined)
        throw new CliError('users create needs --name <name> and --role <role>');
      const user = await directory.createUser(
        {
          name: options.name,
          role,
          kind: options.service ? 'service' : 'user',
          id: options.id,
          email: options.email,
          teams: options.teams,
          organisation: options.organisation,
          subject: options.subject,
        },
        'owner',
      );
      await stack.access.audit.record({
        actor: 'cli',
        action: 'user.create',
        target: user.id,
        detail: { kind: user.kind, role: user.role, teams: user.teams },
      });
      console.log(options.json ? JSON.stringify(user) : `Created ${line(user)}`);
    } else if (action === 'list') {
      const users = await directory.listUsers({ team: options.teams?.[0] });
      if (options.json) console.log(JSON.stringify(users));
      else if (users.length === 0)
        console.log('No users yet. Create one with: strata users create --name <name> --role <role>');
      else for (const user of users) console.log(line(user));
    } else if (action === 'set') {
      if (!options.id) throw new CliError('users set needs the user id: strata users set <id> [--role r] …');
      if (options.disable && options.enable) throw new CliError('give --disable or --enable, not both');
      const user = await directory.updateUser(
        options.id,
        {
          name: options.name,
          email: options.email,
          role: roleOption(options.role),
          teams: options.teams,
          ...(options.disable && { disabled: true }),
          ...(options.enable && { disabled: false }),
        },
        'owner',
      );
      await stack.access.audit.record({
        actor: 'cli',
        action: 'user.update',
        target: user.id,
        detail: { role: user.role, teams: user.teams, disabled: user.disabledAt !== null },
      });
      console.log(options.json ? JSON.stringify(user) : `Updated ${line(user)}`);
    } else {
      throw new CliError(`Unknown users action \`${action ?? ''}\`; use create, list or set.`);
    }
  });
}

/** `strata teams create|list`: teams, straight in the store. */
export async function teamsCommand(action: string | undefined, options: DirectoryOptions): Promise<void> {
  await withStack(options.config, async (stack) => {
    const directory = stack.access.directory;
    if (action === 'create') {
      if (!options.id) throw new CliError('teams create needs the team id: strata teams create <id>');
      const organisation = options.organisation;
      if (
        organisation !== undefined &&
        !(await directory.listOrganisations()).some((known) => known.id === organisation)
      )
        await directory.createOrganisation({ id: organisation });
      const team = await directory.createTeam({
        id: options.id,
        name: options.name,
        organisation: options.organisation,
      });
      await stack.access.audit.record({ actor: 'cli', action: 'team.create', target: team.id });
      console.log(options.json ? JSON.stringify(team) : `Created team ${team.id} (${team.name}).`);
    } else if (action === 'list') {
      const teams = await directory.listTeams();
      if (options.json) console.log(JSON.stringify(teams));
      else if (teams.length === 0) console.log('No teams yet. Create one with: strata teams create <id>');
      else for (const team of teams) console.log(`${team.id}  ${team.name}  ${team.organisationId ?? '-'}`);
    } else {
      throw new CliError(`Unknown teams action \`${action ?? ''}\`; use create or list.`);
    }
  });
}

/** `--content-retention-days`: whole days from 1, or `global` (null) to follow the global setting. */
function contentRetentionOption(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'global') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 36_500)
    throw new CliError(`--content-retention-days must be whole days from 1 or \`global\`, got \`${value}\``);
  return days;
}

/** `strata organisations create|list|set`: organisations and their content retention, straight in the store. */
export async function organisationsCommand(
  action: string | undefined,
  options: DirectoryOptions,
): Promise<void> {
  await withStack(options.config, async (stack) => {
    const directory = stack.access.directory;
    const days = contentRetentionOption(options.contentRetentionDays);
    const show = (organisation: OrganisationRecord) =>
      `${organisation.id}  ${organisation.name}  content ${organisation.contentRetentionDays ?? 'global'}`;
    if (action === 'create' || action === 'set') {
      if (!options.id)
        throw new CliError(`organisations ${action} needs the id: strata organisations ${action} <id>`);
      const organisation =
        action === 'create'
          ? await directory.createOrganisation({
              id: options.id,
              name: options.name,
              contentRetentionDays: days,
            })
          : await directory.updateOrganisation(options.id, {
              name: options.name,
              contentRetentionDays: days,
            });
      await stack.access.audit.record({
        actor: 'cli',
        action: `organisation.${action === 'create' ? 'create' : 'update'}`,
        target: organisation.id,
        detail: { content_retention_days: organisation.contentRetentionDays },
      });
      console.log(options.json ? JSON.stringify(organisation) : show(organisation));
    } else if (action === 'list') {
      const organisations = await directory.listOrganisations();
      if (options.json) console.log(JSON.stringify(organisations));
      else if (organisations.length === 0)
        console.log('No organisations yet. Create one with: strata organisations create <id>');
      else for (const organisation of organisations) console.log(show(organisation));
    } else {
      throw new CliError(`Unknown organisations action \`${action ?? ''}\`; use create, list or set.`);
    }
  });
}
