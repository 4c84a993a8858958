import type { Kysely, Selectable } from 'kysely';
import type { Schema, UserTable } from './schema.js';

/** An organisation as stored. */
export interface OrganisationRecord {
  id: string;
  name: string;
  /** Days captured content is kept; null follows the global setting. */
  contentRetentionDays: number | null;
  createdAt: string;
}

/** The fields of an organisation that can change after it was created. */
export interface OrganisationChanges {
  name?: string;
  contentRetentionDays?: number | null;
}

/** A team as stored. */
export interface TeamRecord {
  id: string;
  organisationId: string | null;
  name: string;
  createdAt: string;
}

/** A user or service account with the teams it belongs to. */
export interface UserRecord {
  id: string;
  organisationId: string | null;
  kind: 'user' | 'service';
  name: string;
  email: string | null;
  role: string;
  subject: string | null;
  teams: string[];
  createdAt: string;
  disabledAt: string | null;
}

/** The fields of a user that can change after it was created. */
export interface UserChanges {
  name?: string;
  email?: string | null;
  role?: string;
  teams?: readonly string[];
  disabled?: boolean;
}

function organisationRecord(row: Selectable<Schema['organisations']>): OrganisationRecord {
  return {
    id: row.id,
    name: row.name,
    // PostgreSQL's driver may hand integers back as they are; SQLite as numbers.
    contentRetentionDays: row.content_retention_days === null ? null : Number(row.content_retention_days),
    createdAt: row.created_at,
  };
}

/** Stores organisations, teams, users and service accounts, and who belongs to which team. */
export interface DirectoryRepository {
  createOrganisation(organisation: {
    id: string;
    name: string;
    contentRetentionDays: number | null;
  }): Promise<OrganisationRecord>;
  listOrganisations(): Promise<OrganisationRecord[]>;
  /** Changes an organisation; undefined when no such organisation exists. */
  updateOrganisation(id: string, changes: OrganisationChanges): Promise<OrganisationRecord | undefined>;
  createTeam(team: { id: string; name: string; organisationId: string | null }): Promise<TeamRecord>;
  listTeams(): Promise<TeamRecord[]>;
  getTeam(id: string): Promise<TeamRecord | undefined>;
  /** Stores a user and its team memberships in one transaction; throws when the id or subject is taken. */
  createUser(user: Omit<UserRecord, 'createdAt' | 'disabledAt'>): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** The user who signs in as this SSO subject. */
  findBySubject(subject: string): Promise<UserRecord | undefined>;
  listUsers(filter?: { team?: string | undefined }): Promise<UserRecord[]>;
  /** Changes a user; undefined when no such user exists. */
  updateUser(id: string, changes: UserChanges): Promise<UserRecord | undefined>;
  /** Deletes a user and its memberships; false when no such user existed. */
  deleteUser(id: string): Promise<boolean>;
}

type UserRow = Selectable<UserTable>;

function toUser(row: UserRow, teams: string[]): UserRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind === 'service' ? 'service' : 'user',
    name: row.name,
    email: row.email,
    role: row.role,
    subject: row.subject,
    teams: teams.sort(),
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** Builds the directory repository on an open store. */
export function createDirectoryRepository(db: Kysely<Schema>): DirectoryRepository {
  async function withTeams(rows: UserRow[]): Promise<UserRecord[]> {
    if (rows.length === 0) return [];
    const memberships = await db
      .selectFrom('team_members')
      .selectAll()
      .where(
        'user_id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) =>
      toUser(
        row,
        memberships.filter((member) => member.user_id === row.id).map((member) => member.team_id),
      ),
    );
  }

  async function one(rows: Promise<UserRow | undefined>): Promise<UserRecord | undefined> {
    const row = await rows;
    return row === undefined ? undefined : (await withTeams([row]))[0];
  }

  return {
    async createOrganisation(organisation) {
      const row = {
        id: organisation.id,
        name: organisation.name,
        content_retention_days: organisation.contentRetentionDays,
        created_at: new Date().toISOString(),
      };
      await db.insertInto('organisations').values(row).execute();
      return organisationRecord(row);
    },
    async listOrganisations() {
      const rows = await db.selectFrom('organisations').selectAll().orderBy('id').execute();
      return rows.map(organisationRecord);
    },
    async updateOrganisation(id, changes) {
      const set = {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.contentRetentionDays !== undefined && {
          content_retention_days: changes.contentRetentionDays,
        }),
      };
      if (Object.keys(set).length > 0)
        await db.updateTable('organisations').set(set).where('id', '=', id).execute();
      const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : organisationRecord(row);
    },
    async createTeam(team) {
      const row = {
        id: team.id,
        name: team.name,
        organisation_id: team.organisationId,
        created_at: new Date().toISOString(),
      };
      await db.insertInto('teams').values(row).execute();
      return { ...team, createdAt: row.created_at };
    },
    async listTeams() {
      const rows = await db.selectFrom('teams').selectAll().orderBy('id').execute();
      return rows.map((row) => ({
        id: row.id,
        organisationId: row.organisation_id,
        name: row.name,
        createdAt: row.created_at,
      }));
    },
    async getTeam(id) {
      const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && { id: row.id, organisationId: row.organisation_id, name: row.name, createdAt: row.created_at }
      );
    },
    async createUser(user) {
      const row: UserRow = {
        id: user.id,
        organisation_id: user.organisationId,
        kind: user.kind,
        name: user.name,
        email: user.email,
        role: user.role,
        subject: user.subject,
        created_at: new Date().toISOString(),
        disabled_at: null,
      };
      await db.transaction().execute(async (transaction) => {
        await transaction.insertInto('users').values(row).execute();
        if (user.teams.length > 0)
          await transaction
            .insertInto('team_members')
            .values(user.teams.map((team) => ({ team_id: team, user_id: user.id })))
            .execute();
      });
      return toUser(row, [...user.teams]);
    },
    getUser: (id) => one(db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()),
    findBySubject: (subject) =>
      one(db.selectFrom('users').selectAll().where('subject', '=', subject).executeTakeFirst()),
    async listUsers(filter = {}) {
      let query = db.selectFrom('users').selectAll('users').orderBy('users.id');
      if (filter.team !== undefined)
        query = query
          .innerJoin('team_members', 'team_members.user_id', 'users.id')
          .where('team_members.team_id', '=', filter.team);
      return withTeams(await query.execute());
    },
    async updateUser(id, changes) {
      const found = await db.transaction().execute(async (transaction) => {
        const fields = {
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.disabled !== undefined && {
            disabled_at: changes.disabled ? new Date().toISOString() : null,
          }),
        };
        const exists = await transaction
          .selectFrom('users')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (exists === undefined) return false;
        if (Object.keys(fields).length > 0)
          await transaction.updateTable('users').set(fields).where('id', '=', id).execute();
        if (changes.teams !== undefined) {
          await transaction.deleteFrom('team_members').where('user_id', '=', id).execute();
          if (changes.teams.length > 0)
            await transaction
              .insertInto('team_members')
              .values(changes.teams.map((team) => ({ team_id: team, user_id: id })))
              .execute();
        }
        return true;
      });
      return found ? this.getUser(id) : undefined;
    },
    async deleteUser(id) {
      return db.transaction().execute(async (transaction) => {
        await transaction.deleteFrom('team_members').where('user_id', '=', id).execute();
        const result = await transaction.deleteFrom('users').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
