import type { Kysely } from 'kysely';
import { StrataError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Role } from '../core/types.js';
import {
  createDirectoryRepository,
  type OrganisationRecord,
  type TeamRecord,
  type UserRecord,
} from '../store/directory-repository.js';
import type { Schema } from '../store/schema.js';
import { mayGrant, parseRole } from './roles.js';

export type { OrganisationRecord, TeamRecord, UserRecord };

/** A new user or service account. */
export interface NewUser {
  id?: string | undefined;
  kind?: 'user' | 'service' | undefined;
  name: string;
  email?: string | null | undefined;
  role: Role;
  teams?: readonly string[] | undefined;
  organisation?: string | null | undefined;
  /** The SSO subject the user signs in as. */
  subject?: string | null | undefined;
}

/** What may change about a user. */
export interface UserUpdate {
  name?: string | undefined;
  email?: string | null | undefined;
  role?: Role | undefined;
  teams?: readonly string[] | undefined;
  disabled?: boolean | undefined;
}

/** The access a user's keys and sessions act with. */
export interface Membership {
  userId: string;
  role: Role;
  teams: readonly string[];
}

/** Organisations, teams, users and service accounts, with the rules on who may grant which role. */
export interface Directory {
  createOrganisation(input: {
    id: string;
    name?: string | undefined;
    contentRetentionDays?: number | null | undefined;
  }): Promise<OrganisationRecord>;
  listOrganisations(): Promise<OrganisationRecord[]>;
  /** Changes an organisation's name or content retention; not_found when there is no such organisation. */
  updateOrganisation(
    id: string,
    changes: { name?: string | undefined; contentRetentionDays?: number | null | undefined },
  ): Promise<OrganisationRecord>;
  createTeam(input: {
    id: string;
    name?: string | undefined;
    organisation?: string | null | undefined;
  }): Promise<TeamRecord>;
  listTeams(): Promise<TeamRecord[]>;
  /** Creates a user; `granter` is the caller's role, which must be at least the new user's. */
  createUser(input: NewUser, granter: Role): Promise<UserRecord>;
  listUsers(filter?: { team?: string | undefined }): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findBySubject(subject: string): Promise<UserRecord | undefined>;
  /** Changes a user; nobody changes a user whose role is above their own, or grants more than they hold. */
  updateUser(id: string, changes: UserUpdate, granter: Role): Promise<UserRecord>;
  /** Deletes a user and its memberships (an erasure); false when no such user existed. */
  deleteUser(id: string): Promise<boolean>;
  /** The role and teams of an active user, or undefined when the user is unknown or disabled. */
  membershipOf(userId: string): Promise<Membership | undefined>;
}

function roleOfRecord(user: UserRecord): Role {
  // A row written with a role this build does not know gets the least access rather than an error.
  return parseRole(user.role) ?? 'viewer';
}

/** Builds the directory over the store. */
export function createDirectory(db: Kysely<Schema>): Directory {
  const repository = createDirectoryRepository(db);

  async function checkTeams(teams: readonly string[]): Promise<void> {
    for (const team of teams)
      if ((await repository.getTeam(team)) === undefined)
        throw new StrataError('invalid_request', `No team with id \`${team}\`; create it first.`, {
          param: 'teams',
        });
  }

  async function checkOrganisation(id: string | null | undefined): Promise<void> {
    if (id == null) return;
    const known = await repository.listOrganisations();
    if (!known.some((organisation) => organisation.id === id))
      throw new StrataError('invalid_request', `No organisation with id \`${id}\`.`, {
        param: 'organisation',
      });
  }

  function checkGrant(granter: Role, granted: Role): void {
    if (!mayGrant(granter, granted))
      throw new StrataError('permission_denied', `The ${granter} role may not grant the ${granted} role.`, {
        param: 'role',
      });
  }

  async function taken<T>(work: Promise<T>, what: string): Promise<T> {
    try {
      return await work;
    } catch (error) {
      // Both dialects report a duplicate key as a unique or primary-key violation.
      if (/unique|duplicate|primary key/i.test(String(error)))
        throw new StrataError('invalid_request', `${what} already exists.`, { param: 'id' });
      throw error;
    }
  }

  return {
    async createOrganisation(input) {
      return taken(
        repository.createOrganisation({
          id: input.id,
          name: input.name ?? input.id,
          contentRetentionDays: input.contentRetentionDays ?? null,
        }),
        `Organisation \`${input.id}\``,
      );
    },
    listOrganisations: () => repository.listOrganisations(),
    async updateOrganisation(id, changes) {
      const updated = await repository.updateOrganisation(id, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.contentRetentionDays !== undefined && {
          contentRetentionDays: changes.contentRetentionDays,
        }),
      });
      if (updated === undefined)
        throw new StrataError('not_found', `No organisation with id \`${id}\`.`, { param: 'id' });
      return updated;
    },
    async createTeam(input) {
      await checkOrganisation(input.organisation);
      return taken(
        repository.createTeam({
          id: input.id,
          name: input.name ?? input.id,
          organisationId: input.organisation ?? null,
        }),
        `Team \`${input.id}\``,
      );
    },
    listTeams: () => repository.listTeams(),
    async createUser(input, granter) {
      checkGrant(granter, input.role);
      const teams = [...new Set(input.teams ?? [])];
      await checkTeams(teams);
      await checkOrganisation(input.organisation);
      const kind = input.kind ?? 'user';
      const id = input.id ?? newId(kind === 'service' ? 'svc' : 'usr');
      return taken(
        repository.createUser({
          id,
          kind,
          name: input.name,
          email: input.email ?? null,
          role: input.role,
          teams,
          organisationId: input.organisation ?? null,
          subject: input.subject ?? null,
        }),
        `A user with id \`${id}\` or that SSO subject`,
      );
    },
    listUsers: (filter) => repository.listUsers(filter),
    getUser: (id) => repository.getUser(id),
    findBySubject: (subject) => repository.findBySubject(subject),
    async updateUser(id, changes, granter) {
      const user = await repository.getUser(id);
      if (user === undefined)
        throw new StrataError('not_found', `No user with id \`${id}\`.`, { param: 'id' });
      checkGrant(granter, roleOfRecord(user));
      if (changes.role !== undefined) checkGrant(granter, changes.role);
      if (changes.teams !== undefined) await checkTeams(changes.teams);
      const updated = await repository.updateUser(id, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.email !== undefined && { email: changes.email }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.teams !== undefined && { teams: [...new Set(changes.teams)] }),
        ...(changes.disabled !== undefined && { disabled: changes.disabled }),
      });
      if (updated === undefined)
        throw new StrataError('not_found', `No user with id \`${id}\`.`, { param: 'id' });
      return updated;
    },
    deleteUser: (id) => repository.deleteUser(id),
    async membershipOf(userId) {
      const user = await repository.getUser(userId);
      if (user === undefined || user.disabledAt !== null) return undefined;
      return { userId: user.id, role: roleOfRecord(user), teams: user.teams };
    },
  };
}
