import type { Kysely } from 'kysely';
import type { SsoConfig } from '../config/sso.js';
import { createDirectory, type Directory } from '../governance/directory.js';
import { createSsoService, type SsoService } from '../governance/sso.js';
import type { Schema } from '../store/schema.js';

/** The access layer's services: who exists, in which teams, with which role. */
export interface Access {
  readonly directory: Directory;
  /** Verifies SSO bearer tokens; undefined when `sso` is not configured. */
  readonly sso: SsoService | undefined;
}

/** What the access layer needs from the stack. */
export interface AccessDeps {
  db: Kysely<Schema>;
  sso: SsoConfig | undefined;
}

/** Builds the access layer's services. */
export function createAccess(deps: AccessDeps): Access {
  const directory = createDirectory(deps.db);
  return { directory, sso: deps.sso && createSsoService(deps.sso, directory) };
}
