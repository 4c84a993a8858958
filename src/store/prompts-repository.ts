import type { Kysely, Selectable } from 'kysely';
import type { PromptVersionTable } from './evaluation-schema.js';
import type { Schema } from './schema.js';

/** One stored version of a prompt template. */
export interface PromptVersionRecord {
  name: string;
  version: number;
  /** Messages whose `content` may hold `{{variables}}`. */
  messages: Array<{ role: string; content: string }>;
  /** Default request settings (model, temperature, …). */
  settings: Record<string, unknown>;
  note: string;
  createdAt: string;
  /** The labels pointing at this version. */
  labels: string[];
}

/** A prompt with its latest version and its labels. */
export interface PromptSummary {
  name: string;
  latestVersion: number;
  labels: Record<string, number>;
  updatedAt: string;
}

/** Which version to use: an exact version, a label, or (neither) the latest. */
export type PromptSelector = { version?: number | undefined; label?: string | undefined };

/** Versioned prompt templates with movable labels (`production`, `staging`, …). */
export interface PromptsRepository {
  /** Stores a new version (the latest + 1) and moves the given labels to it. */
  create(input: {
    name: string;
    messages: PromptVersionRecord['messages'];
    settings: Record<string, unknown>;
    note: string;
    labels: readonly string[];
  }): Promise<PromptVersionRecord>;
  /** The selected version, or undefined when there is none. */
  resolve(name: string, selector?: PromptSelector): Promise<PromptVersionRecord | undefined>;
  versions(name: string): Promise<PromptVersionRecord[]>;
  list(): Promise<PromptSummary[]>;
  /** Points a label at a version; false when the version does not exist. */
  setLabel(name: string, label: string, version: number): Promise<boolean>;
}

function toVersion(row: Selectable<PromptVersionTable>, labels: string[]): PromptVersionRecord {
  return {
    name: row.name,
    version: Number(row.version),
    messages: JSON.parse(row.messages) as PromptVersionRecord['messages'],
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    note: row.note,
    createdAt: row.created_at,
    labels,
  };
}

/** Builds the prompts repository over a Kysely database of either dialect. */
export function createPromptsRepository(db: Kysely<Schema>): PromptsRepository {
  async function labelsOf(name: string): Promise<Map<number, string[]>> {
    const rows = await db
      .selectFrom('prompt_labels')
      .selectAll()
      .where('name', '=', name)
      .orderBy('label')
      .execute();
    const byVersion = new Map<number, string[]>();
    for (const row of rows) {
      const version = Number(row.version);
      byVersion.set(version, [...(byVersion.get(version) ?? []), row.label]);
    }
    return byVersion;
  }
  async function upsertLabel(target: Kysely<Schema>, name: string, label: string, version: number) {
    const updatedAt = new Date().toISOString();
    await target
      .insertInto('prompt_labels')
      .values({ name, label, version, updated_at: updatedAt })
      .onConflict((conflict) =>
        conflict.columns(['name', 'label']).doUpdateSet({ version, updated_at: updatedAt }),
      )
      .execute();
  }
  return {
    async create(input) {
      const row = await db.transaction().execute(async (transaction) => {
        const latest = await transaction
          .selectFrom('prompt_versions')
          .select((eb) => eb.fn.max('version').as('version'))
          .where('name', '=', input.name)
          .executeTakeFirst();
        const version = Number(latest?.version ?? 0) + 1;
        const values = {
          name: input.name,
          version,
          messages: JSON.stringify(input.messages),
          settings: JSON.stringify(input.settings),
          note: input.note,
          created_at: new Date().toISOString(),
        };
        await transaction.insertInto('prompt_versions').values(values).execute();
        for (const label of input.labels) await upsertLabel(transaction, input.name, label, version);
        return values;
      });
      return toVersion(row, [...input.labels].sort());
    },
    async resolve(name, selector = {}) {
      let version = selector.version;
      if (version === undefined && selector.label !== undefined) {
        const label = await db
          .selectFrom('prompt_labels')
          .select('version')
          .where('name', '=', name)
          .where('label', '=', selector.label)
          .executeTakeFirst();
        if (!label) return undefined;
        version = Number(label.version);
      }
      let query = db.selectFrom('prompt_versions').selectAll().where('name', '=', name);
      query =
        version === undefined
          ? query.orderBy('version', 'desc').limit(1)
          : query.where('version', '=', version);
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      return toVersion(row, (await labelsOf(name)).get(Number(row.version)) ?? []);
    },
    async versions(name) {
      const [rows, labels] = await Promise.all([
        db
          .selectFrom('prompt_versions')
          .selectAll()
          .where('name', '=', name)
          .orderBy('version', 'desc')
          .execute(),
        labelsOf(name),
      ]);
      return rows.map((row) => toVersion(row, labels.get(Number(row.version)) ?? []));
    },
    async list() {
      const [latest, labels] = await Promise.all([
        db
          .selectFrom('prompt_versions')
          .select((eb) => [
            'name',
            eb.fn.max('version').as('version'),
            eb.fn.max('created_at').as('updated_at'),
          ])
          .groupBy('name')
          .orderBy('name')
          .execute(),
        db.selectFrom('prompt_labels').selectAll().execute(),
      ]);
      return latest.map((row) => ({
        name: row.name,
        latestVersion: Number(row.version),
        updatedAt: String(row.updated_at),
        labels: Object.fromEntries(
          labels
            .filter((label) => label.name === row.name)
            .sort((a, b) => (a.label < b.label ? -1 : 1))
            .map((label) => [label.label, Number(label.version)]),
        ),
      }));
    },
    async setLabel(name, label, version) {
      const exists = await db
        .selectFrom('prompt_versions')
        .select('version')
        .where('name', '=', name)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!exists) return false;
      await upsertLabel(db, name, label, version);
      return true;
    },
  };
}
