import type { FastifyReply, FastifyRequest } from 'fastify';
import { StrataError } from '../core/errors.js';
import type { Principal } from '../core/types.js';
import { ipAllowed } from '../governance/key-scopes.js';
import type { KeyService } from '../governance/keys.js';
import { allows, roleOf } from '../governance/roles.js';
import { looksLikeJwt, type SsoService } from '../governance/sso.js';

const anonymous: Principal = { kind: 'anonymous', keyId: null, keyName: null, team: null };

/** The secret a client sent: `Authorization: Bearer …` or, as Anthropic clients do, `x-api-key`. */
function secretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header);
    return match?.[1]?.trim();
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/**
 * Resolves the caller's principal; `required: 'master'` admits only the master key, `'role'` a caller
 * whose role holds the permission the route declared (a route that declared none admits nobody).
 */
export function authenticate(
  keys: KeyService,
  options: { enabled: boolean; required: 'any' | 'master' | 'role'; sso?: SsoService | undefined },
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!options.enabled) {
      request.principal = anonymous;
      return;
    }
    const secret = secretOf(request);
    if (!secret) {
      throw new StrataError(
        'missing_api_key',
        'You did not provide an API key. Send it as `Authorization: Bearer <key>`.',
      );
    }
    // A JWT is never a key, so with SSO on it is verified as a token (and its failure says why).
    const principal =
      options.sso !== undefined && looksLikeJwt(secret)
        ? await options.sso.authenticate(secret)
        : await keys.authenticate(secret);
    if (!principal)
      throw new StrataError(
        'invalid_api_key',
        'Incorrect API key provided, or the key was revoked or expired.',
      );
    if (!ipAllowed(principal, request.ip))
      throw new StrataError('permission_denied', 'This key may not be used from this address.');
    if (options.required === 'master' && principal.kind !== 'master') {
      throw new StrataError('permission_denied', 'This endpoint needs the master key.');
    }
    // Set before the permission check, so a refusal is audited with who was refused.
    request.principal = principal;
    if (options.required === 'role') permit(principal, request);
  };
}

/** Refuses a caller whose role does not hold the permission the route declared. */
function permit(principal: Principal, request: FastifyRequest): void {
  const role = roleOf(principal);
  if (role === undefined)
    throw new StrataError('permission_denied', 'This endpoint needs the master key or a key with a role.');
  const permission = request.routeOptions.config.permission;
  if (permission === undefined || !allows(role, permission))
    throw new StrataError(
      'permission_denied',
      `The ${role} role may not do this: it needs the \`${permission ?? 'undeclared'}\` permission.`,
    );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook before any handler runs. */
    principal: Principal;
    /** True once the call entered the pipeline, which then owns its request-log row. */
    enteredPipeline: boolean;
  }
}
