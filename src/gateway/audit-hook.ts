import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../core/types.js';
import type { AuditLog } from '../governance/audit.js';

/** Body fields an audit row keeps; anything else (emails, free text, anything secret) is left out. */
const keptFields = new Set([
  'id',
  'ids',
  'name',
  'role',
  'teams',
  'disabled',
  'kind',
  'organisation',
  'scope',
  'match',
  'period',
  'limit_usd',
  'mode',
  'unpriced',
  'user',
  'end_user',
]);
/** Key metadata fields an audit row keeps: the scopes, never anything a caller might have put a secret in. */
const keptMetadata = new Set(['team', 'user', 'models', 'tags', 'expires_at', 'allowed_ips', 'knowledge']);

/** Who acted, as the audit log names them: never a secret. */
export function actorOf(principal: Principal | null | undefined): string {
  if (!principal) return 'unknown';
  if (principal.kind !== 'virtual') return principal.kind;
  return principal.user !== undefined ? `user:${principal.user}` : `key:${principal.keyId ?? 'unknown'}`;
}

function pick(value: unknown, kept: ReadonlySet<string>): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([field]) => kept.has(field)));
}

/** What an admin request changed, as far as the audit log keeps it. */
function summary(request: FastifyRequest): Record<string, unknown> {
  const body = request.body as Record<string, unknown> | undefined;
  const kept = pick(body, keptFields);
  const metadata = pick(body?.metadata, keptMetadata);
  return Object.keys(metadata).length > 0 ? { ...kept, metadata } : kept;
}

/**
 * Appends every admin request that could change something (any method but GET), and every refusal of
 * an admin route, to the audit log before the response goes out.
 */
export function auditAdminRequests(
  app: FastifyInstance,
  audit: AuditLog,
  onError: (error: unknown) => void,
): void {
  app.addHook('onSend', async (request, reply) => {
    const reading = request.method === 'GET' || request.method === 'HEAD';
    // Callers who never authenticated did nothing to audit, and must not be able to grow the log.
    if (!request.principal || (reading && reply.statusCode !== 403)) return;
    const params = request.params as Record<string, string | undefined> | undefined;
    await audit
      .record({
        actor: actorOf(request.principal),
        action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        target: request.auditTarget ?? params?.id ?? params?.kb ?? params?.['*'] ?? null,
        detail: { status: reply.statusCode, request_id: request.id, ...(!reading && summary(request)) },
      })
      .catch(onError);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What an admin action acted on when the path does not say (the id of a key it created). */
    auditTarget?: string;
  }
}
