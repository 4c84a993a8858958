import type { Kysely } from 'kysely';
import { createDirectory, type Directory } from '../governance/directory.js';
import type { Schema } from '../store/schema.js';

/** The access layer's services: who exists, in which teams, with which role. */
export interface Access {
  readonly directory: Directory;
}

/** What the access layer needs from the stack. */
export interface AccessDeps {
  db: Kysely<Schema>;
}

/** Builds the access layer's services. */
export function createAccess(deps: AccessDeps): Access {
  return { directory: createDirectory(deps.db) };
}
