import type { Kysely } from 'kysely';
import type { SsoConfig } from '../config/sso.js';
import { type AuditLog, createAuditLog } from '../governance/audit.js';
import { createDirectory, type Directory } from '../governance/directory.js';
import { createErasure, type Erasure } from '../governance/erasure.js';
import { createSsoService, type SsoService } from '../governance/sso.js';
import { createAuditRepository } from '../store/audit-repository.js';
import { createErasureRepository } from '../store/erasure-repository.js';
import type { Schema } from '../store/schema.js';

/** The access layer's services: who exists, in which teams, with which role. */
export interface Access {
  readonly directory: Directory;
  /** Verifies SSO bearer tokens; undefined when `sso` is not configured. */
  readonly sso: SsoService | undefined;
  /** The hash-chained log of admin actions and access decisions. */
  readonly audit: AuditLog;
  /** Erases everything stored about a user or end-user id. */
  readonly erasure: Erasure;
}

/** What the access layer needs from the stack. */
export interface AccessDeps {
  db: Kysely<Schema>;
  sso: SsoConfig | undefined;
  /** Revokes a key everywhere (an erased user's keys). */
  revokeKey: (id: string) => Promise<unknown>;
  /** Deletes one knowledge document with its chunks and index entries. */
  deleteDocument: (kb: string, id: string) => Promise<boolean>;
  /** Empties the response cache, when there is one; returns how many entries it dropped. */
  clearCache: () => Promise<number>;
  /** Writes queued log, ledger and trace rows. */
  flush: () => Promise<void>;
}

/** Builds the access layer's services. */
export async function createAccess(deps: AccessDeps): Promise<Access> {
  const directory = createDirectory(deps.db);
  const audit = createAuditLog(createAuditRepository(deps.db));
  const erasure = createErasure({
    repository: createErasureRepository(deps.db),
    directory,
    audit,
    revokeKey: deps.revokeKey,
    deleteDocument: deps.deleteDocument,
    clearCache: deps.clearCache,
    flush: deps.flush,
  });
  const sso = deps.sso && (await createSsoService(deps.sso, directory, audit));
  return { directory, audit, erasure, sso };
}
