import { join, resolve } from 'node:path';
import { StrataError } from '../core/errors.js';

/** The SQL dialects a store can speak. */
export type Dialect = 'sqlite' | 'postgres';

/** Where a store lives: an SQLite file, or a PostgreSQL server. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; connectionString: string };

/** The file name of the embedded database inside the Strata home folder. */
export const sqliteFileName = 'strata.db';

const acceptedForms =
  'leave it unset (SQLite in the Strata home folder), or use sqlite:<path>, a file path, ' +
  'postgres://user@host:5432/database or postgresql://user@host:5432/database';

/** Turns DATABASE_URL (or its absence) into a database target; throws config_invalid for unknown schemes. */
export function resolveDatabaseTarget(options: { url?: string | undefined; home: string }): DatabaseTarget {
  const url = options.url?.trim() ?? '';
  const defaultFile = join(resolve(options.home), sqliteFileName);
  if (url === '') return { dialect: 'sqlite', file: defaultFile };
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url };
  if (/^sqlite:/i.test(url)) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') return { dialect: 'sqlite', file: defaultFile };
    return { dialect: 'sqlite', file: path === ':memory:' ? path : resolve(path) };
  }
  // A single letter before the colon is a Windows drive, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1];
  if (scheme === undefined) return { dialect: 'sqlite', file: resolve(url) };
  throw new StrataError(
    'config_invalid',
    `DATABASE_URL uses the unsupported scheme "${scheme}:"; ${acceptedForms}.`,
    { param: 'DATABASE_URL' },
  );
}
