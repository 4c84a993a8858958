import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyTable, Schema } from './schema.js';

/** A virtual API key as callers see it: never the hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  keyPrefix: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  revokedAt: string | null;
}

/** What it takes to store a new key; the caller hashes the secret. */
export interface NewApiKey {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  metadata?: Record<string, unknown>;
  /** ISO timestamp; defaults to now. */
  createdAt?: string;
}

/** Stores, finds, lists and revokes virtual API keys. */
export interface KeysRepository {
  /** Stores a new key; throws when the id or hash is already taken. */
  create(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The key with this hash, unless it is unknown or revoked. */
  findActiveByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, revoked ones included, newest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes the key; false when no such key exists or it was already revoked. */
  revoke(id: string): Promise<boolean>;
}

const publicColumns = ['id', 'name', 'key_prefix', 'metadata', 'created_at', 'revoked_at'] as const;

type PublicRow = Pick<Selectable<ApiKeyTable>, (typeof publicColumns)[number]>;

function toRecord(row: PublicRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Builds the keys repository on an open store. */
export function createKeysRepository(db: Kysely<Schema>): KeysRepository {
  return {
    async create(key) {
      const row: PublicRow = {
        id: key.id,
        name: key.name,
        key_prefix: key.keyPrefix,
        metadata: JSON.stringify(key.metadata ?? {}),
        created_at: key.createdAt ?? new Date().toISOString(),
        revoked_at: null,
      };
      await db
        .insertInto('api_keys')
        .values({ ...row, key_hash: key.keyHash })
        .execute();
      return toRecord(row);
    },
    async findActiveByHash(keyHash) {
      const row = await db
        .selectFrom('api_keys')
        .select(publicColumns)
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },
    async list() {
      const rows = await db
        .selectFrom('api_keys')
        .select(publicColumns)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRecord);
    },
    async revoke(id) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
