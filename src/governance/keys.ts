import { hash as digestOf, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../core/ids.js';
import type { Principal } from '../core/types.js';
import { type ApiKeyRecord, createKeysRepository } from '../store/keys-repository.js';
import type { Schema } from '../store/schema.js';
import { createSettingsRepository } from '../store/settings-repository.js';
import type { Membership } from './directory.js';
import { expired, keyScopesOf } from './key-scopes.js';
import { knowledgeScopeOf } from './knowledge-scope.js';
import type { RevocationFeed } from './revocation-feed.js';

const masterKeySetting = 'master_key_hash';
/**
 * How long a verified virtual key is trusted without another database read. A revocation on another
 * replica lands within it, or at once when a revocation feed (Redis or PostgreSQL) announces it.
 */
const cacheMilliseconds = 10_000;
/** At most this many verified secrets are remembered; the oldest goes first. */
const maxVerified = 10_000;

/** A key's team: its `team` metadata when that is a non-empty string. */
function teamOf(metadata: Record<string, unknown>): string | null {
  return typeof metadata.team === 'string' && metadata.team.length > 0 ? metadata.team : null;
}

/** A key's scopes as principal fields. */
function scopeFields(metadata: Record<string, unknown>): Pick<Principal, 'models' | 'allowedIps' | 'tags'> {
  const scopes = keyScopesOf(metadata);
  return {
    ...(scopes.models && { models: scopes.models }),
    ...(scopes.allowedIps && { allowedIps: scopes.allowedIps }),
    ...(scopes.tags && { tags: scopes.tags }),
  };
}

/** A key as listed: never the secret, never its hash. */
export type KeySummary = ApiKeyRecord;

/** Issues, verifies and revokes API keys; only SHA-256 hashes are stored. */
export interface KeyService {
  /** Makes sure a master key exists; returns the new secret when this call generated it (print it once). */
  ensureMasterKey(fromEnvironment: string | undefined): Promise<{ generated: string | undefined }>;
  authenticate(secret: string): Promise<Principal | undefined>;
  create(input: { name: string; metadata?: Record<string, unknown> }): Promise<KeySummary & { key: string }>;
  list(): Promise<KeySummary[]>;
  revoke(id: string): Promise<boolean>;
  /** Drops a key from the cache of verified secrets, e.g. when another replica revoked it. */
  forget(id: string): void;
  /** Drops every cached key of a user, so a changed role or a disabled user counts from the next call. */
  forgetUser(userId: string): void;
}

/** SHA-256 of a secret, hex-encoded. */
export function hashKey(secret: string): string {
  return digestOf('sha256', secret, 'hex');
}

/** Makes a new random key secret. */
export function generateKey(): string {
  return `sk-strata-${randomBytes(24).toString('base64url')}`;
}

/** Options of the key service. */
export interface KeyServiceOptions {
  /** A key without a team may attribute calls to the team named in `metadata.team` (off by default). */
  allowRequestTeam?: boolean;
  /** Where revocations are announced to other replicas; without one they wait out the cache. */
  revocations?: RevocationFeed | undefined;
  /**
   * The role and teams of the user or service account a key belongs to (`metadata.user`); a key whose
   * owner is unknown or disabled does not authenticate.
   */
  membershipOf?: ((userId: string) => Promise<Membership | undefined>) | undefined;
  onError?: (error: unknown) => void;
}

/** Builds the key service over the store; `staticKeys` come from config and are never written to it. */
export function createKeyService(
  db: Kysely<Schema>,
  staticKeys: ReadonlyArray<{
    name: string;
    key: string;
    team?: string | undefined;
    capture_content?: boolean | undefined;
  }>,
  options: KeyServiceOptions = {},
): KeyService {
  const keys = createKeysRepository(db);
  const settings = createSettingsRepository(db);
  const fromConfig = new Map(staticKeys.map((entry) => [hashKey(entry.key), entry]));
  // Secrets verified lately, so a busy key is hashed once per interval rather than once per request.
  // Only keys that verified are kept, so random guesses cannot grow it.
  const verified = new Map<string, { principal: Principal; expires: number }>();
  let masterDigest: Buffer | undefined;

  function forget(id: string): void {
    for (const [secret, entry] of verified) if (entry.principal.keyId === id) verified.delete(secret);
  }

  function remember(secret: string, principal: Principal, until: number): void {
    if (verified.size >= maxVerified) verified.delete(verified.keys().next().value as string);
    verified.set(secret, { principal, expires: Math.min(until, Date.now() + cacheMilliseconds) });
  }

  /** The owner's role and teams for a key that belongs to a user; null when the owner may not act. */
  async function ownerFields(
    metadata: Record<string, unknown>,
  ): Promise<Pick<Principal, 'role' | 'user' | 'teams'> | null> {
    if (typeof metadata.user !== 'string') return {};
    const membership = await options.membershipOf?.(metadata.user);
    if (membership === undefined) return null;
    return { role: membership.role, user: membership.userId, teams: membership.teams };
  }

  function withRequestTeam(principal: Principal): Principal {
    return options.allowRequestTeam === true && !principal.team
      ? { ...principal, requestTeam: true }
      : principal;
  }

  async function verify(secret: string): Promise<{ principal: Principal; until: number } | undefined> {
    const digest = digestOf('sha256', secret, 'buffer');
    if (masterDigest !== undefined && timingSafeEqual(digest, masterDigest)) {
      return { principal: { kind: 'master', keyId: null, keyName: 'master', team: null }, until: Infinity };
    }
    const hash = digest.toString('hex');
    const configured = fromConfig.get(hash);
    if (configured !== undefined)
      return {
        principal: withRequestTeam({
          kind: 'virtual',
          keyId: `config:${configured.name}`,
          keyName: configured.name,
          team: configured.team ?? null,
          ...(configured.capture_content === true && { captureContent: true }),
        }),
        until: Infinity,
      };
    // The lookup is by hash, so response time tells an attacker nothing about the secret itself.
    const row = await keys.findActiveByHash(hash);
    if (row === undefined) return undefined;
    const scopes = keyScopesOf(row.metadata);
    if (expired(scopes)) return undefined;
    const owner = await ownerFields(row.metadata);
    if (owner === null) return undefined;
    return {
      principal: withRequestTeam({
        kind: 'virtual',
        keyId: row.id,
        keyName: row.name,
        team: teamOf(row.metadata),
        knowledge: knowledgeScopeOf(row.metadata),
        ...(row.metadata.capture_content === true && { captureContent: true }),
        ...scopeFields(row.metadata),
        ...owner,
      }),
      until: scopes.expiresAt === undefined ? Infinity : Date.parse(scopes.expiresAt),
    };
  }

  return {
    async ensureMasterKey(fromEnvironment) {
      if (fromEnvironment !== undefined) {
        masterDigest = Buffer.from(hashKey(fromEnvironment), 'hex');
        return { generated: undefined };
      }
      const candidate = generateKey();
      const won = await settings.setSettingIfAbsent(masterKeySetting, hashKey(candidate));
      const stored = won ? hashKey(candidate) : await settings.getSetting(masterKeySetting);
      masterDigest = stored === undefined ? undefined : Buffer.from(stored, 'hex');
      return { generated: won ? candidate : undefined };
    },

    async authenticate(secret) {
      const cached = verified.get(secret);
      if (cached !== undefined && cached.expires > Date.now()) return cached.principal;
      const found = await verify(secret);
      if (found === undefined) verified.delete(secret);
      else remember(secret, found.principal, found.until);
      return found?.principal;
    },

    async create(input) {
      const key = generateKey();
      const id = newId('key');
      const metadata = input.metadata ?? {};
      const created = await keys.create({
        id,
        name: input.name,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, 14),
        metadata,
      });
      return { ...created, key };
    },

    list: () => keys.list(),

    async revoke(id) {
      const revoked = await keys.revoke(id);
      forget(id);
      if (revoked && options.revocations)
        await options.revocations.publish(id).catch(options.onError ?? console.error);
      return revoked;
    },

    forget,

    forgetUser(userId) {
      for (const [secret, entry] of verified) if (entry.principal.user === userId) verified.delete(secret);
    },
  };
}
