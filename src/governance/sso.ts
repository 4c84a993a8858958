import type * as Jose from 'jose';
import type { JWTPayload } from 'jose';
import type { SsoConfig } from '../config/sso.js';
import { StrataError } from '../core/errors.js';
import type { Principal, Role } from '../core/types.js';
import type { AuditLog } from './audit.js';
import type { Directory, UserRecord } from './directory.js';
import { roles } from './roles.js';

/** Verifies SSO bearer tokens and resolves them to the users they sign in. */
export interface SsoService {
  /** The principal a valid token signs in; throws `invalid_api_key` (401) naming what was wrong, never the token. */
  authenticate(token: string): Promise<Principal>;
  /** Drops the user's verified tokens, so a changed role or a disabled user counts from the next call. */
  forgetUser(userId: string): void;
}

/** True when a bearer secret has the shape of a JWT (three base64url parts), so it is tried as SSO. */
export function looksLikeJwt(secret: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(secret);
}

/** How long a verified token is trusted without verifying it again (never past its `exp`). */
const cacheMilliseconds = 10_000;
const maxCached = 10_000;

/** The values of the groups claim: an array of strings, or one space- or comma-separated string. */
function groupsOf(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? value.split(/[\s,]+/).filter((item) => item !== '') : [];
}

function text(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' && value.length > 0 && value.length <= 320 ? value : undefined;
}

/** What a token's claims grant: the most powerful mapped role (or the default) and the mapped teams. */
export function claimsAccess(
  payload: JWTPayload,
  config: SsoConfig,
): { role: Role | undefined; teams: string[] } {
  const groups = groupsOf(payload, config.groups_claim);
  const granted = new Set(groups.map((group) => config.roles[group]).filter((role) => role !== undefined));
  const role =
    roles.find((candidate) => granted.has(candidate)) ??
    (config.default_role === 'none' ? undefined : config.default_role);
  const teams = [...new Set(groups.map((group) => config.teams[group]).filter((team) => team !== undefined))];
  return { role, teams: teams.sort() };
}

/** A verification failure as the client sees it: what was wrong, never the token or its claims. */
function refusal(error: unknown, errors: typeof Jose.errors): StrataError {
  const reason =
    error instanceof errors.JWTExpired
      ? 'it has expired'
      : error instanceof errors.JWTClaimValidationFailed
        ? `its \`${error.claim}\` claim is not accepted`
        : error instanceof errors.JWKSNoMatchingKey
          ? 'no key of the provider signed it'
          : error instanceof errors.JWSSignatureVerificationFailed
            ? 'its signature does not verify'
            : error instanceof errors.JOSEAlgNotAllowed
              ? 'its algorithm is not accepted'
              : 'it could not be verified';
  return new StrataError('invalid_api_key', `The SSO token was refused: ${reason}.`);
}

/**
 * Builds the SSO service: tokens are verified against the provider's JWKS, fetched and cached by jose
 * (loaded here, so a gateway without SSO never holds it).
 */
export async function createSsoService(
  config: SsoConfig,
  directory: Directory,
  audit: AuditLog,
): Promise<SsoService> {
  const { createRemoteJWKSet, errors, jwtVerify } = await import('jose');
  // jose keeps the fetched set for `cacheMaxAge`; a token with an unknown `kid` refetches it (keys were
  // rotated), at most once per `cooldownDuration`, so forged kids cannot make us hammer the provider.
  const keySet = createRemoteJWKSet(new URL(config.jwks_url), {
    cacheMaxAge: config.jwks_cache_seconds * 1000,
    cooldownDuration: config.jwks_cooldown_seconds * 1000,
    timeoutDuration: 5000,
  });
  const verified = new Map<string, { principal: Principal; expires: number }>();

  /** The user a token signs in: found by subject, kept in step with the provider's groups, or created. */
  async function userFor(payload: JWTPayload): Promise<UserRecord> {
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw new StrataError('invalid_api_key', 'The SSO token was refused: it names no subject.');
    const subject = `${config.issuer}|${payload.sub}`;
    const access = claimsAccess(payload, config);
    const existing = await directory.findBySubject(subject);
    if (existing?.disabledAt) throw new StrataError('permission_denied', 'This user is disabled.');
    if (access.role === undefined)
      throw new StrataError('permission_denied', 'None of your groups grants a role in Strata.');
    for (const team of access.teams)
      if (!(await directory.listTeams()).some((known) => known.id === team))
        await directory.createTeam({ id: team }).catch(() => undefined);
    const email = text(payload, config.email_claim) ?? null;
    if (existing === undefined) {
      const created = await directory
        .createUser(
          {
            name: text(payload, config.name_claim) ?? email ?? payload.sub,
            email,
            role: access.role,
            teams: access.teams,
            subject,
          },
          'owner',
        )
        // Two first sign-ins at once: the other created the user.
        .catch(() => directory.findBySubject(subject));
      if (created === undefined)
        throw new StrataError('internal_error', 'The signed-in user could not be stored.');
      return created;
    }
    // The identity provider is the source of truth for a signed-in user's role and teams.
    if (existing.role === access.role && existing.teams.join() === access.teams.join()) return existing;
    const updated = await directory.updateUser(
      existing.id,
      { role: access.role, teams: access.teams },
      'owner',
    );
    await audit.record({
      actor: 'sso',
      action: 'sso.access_changed',
      target: existing.id,
      detail: { role: [existing.role, updated.role], teams: [existing.teams, updated.teams] },
    });
    return updated;
  }

  return {
    async authenticate(token) {
      const cached = verified.get(token);
      if (cached !== undefined && cached.expires > Date.now()) return cached.principal;
      verified.delete(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: config.algorithms,
          clockTolerance: config.clock_tolerance_seconds,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw refusal(error, errors);
      }
      const user = await userFor(payload);
      const role = (roles as readonly string[]).includes(user.role) ? (user.role as Role) : 'viewer';
      const principal: Principal = {
        kind: 'virtual',
        keyId: `sso:${user.id}`,
        keyName: user.email ?? user.name,
        team: user.teams[0] ?? null,
        knowledge: [],
        role,
        user: user.id,
        teams: user.teams,
      };
      if (verified.size >= maxCached) verified.delete(verified.keys().next().value as string);
      const expires = Math.min(Date.now() + cacheMilliseconds, (payload.exp ?? 0) * 1000);
      verified.set(token, { principal, expires });
      return principal;
    },

    forgetUser(userId) {
      for (const [token, entry] of verified) if (entry.principal.user === userId) verified.delete(token);
    },
  };
}
