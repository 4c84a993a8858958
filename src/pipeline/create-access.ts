import type { Kysely } from 'kysely';
import type { SsoConfig } from '../config/sso.js';
import { type AuditLog, createAuditLog } from '../governance/audit.js';
import { createDirectory, type Directory } from '../governance/directory.js';
import { createSsoService, type SsoService } from '../governance/sso.js';
import { createAuditRepository } from '../store/audit-repository.js';
import type { Schema } from '../store/schema.js';

/** The access layer's services: who exists, in which teams, with which role. */
export interface Access {
  readonly directory: Directory;
  /** Verifies SSO bearer tokens; undefined when `sso` is not configured. */
  readonly sso: SsoService | undefined;
  /** The hash-chained log of admin actions and access decisions. */
  readonly audit: AuditLog;
}

/** What the access layer needs from the stack. */
export interface AccessDeps {
  db: Kysely<Schema>;
  sso: SsoConfig | undefined;
}

/** Builds the access layer's services. */
export function createAccess(deps: AccessDeps): Access {
  const directory = createDirectory(deps.db);
  const audit = createAuditLog(createAuditRepository(deps.db));
  return { directory, audit, sso: deps.sso && createSsoService(deps.sso, directory, audit) };
}
