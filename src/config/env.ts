/** The environment Strata reads, parsed once at start; nothing else reads `process.env`. */
export interface Environment {
  home: string | undefined;
  databaseUrl: string | undefined;
  /** Redis shared by replicas for rate limits; absent, limits are counted in process. */
  redisUrl: string | undefined;
  masterKey: string | undefined;
  host: string | undefined;
  port: number | undefined;
  /** STRATA_DEBUG: the CLI prints an unexpected error's stack rather than its one-line message. */
  debug?: boolean;
  /** Every variable, for `${VAR}` interpolation in the config file and provider keys. */
  variables: Readonly<Record<string, string | undefined>>;
}

/** Reads the variables Strata cares about from an environment map. */
export function readEnvironment(variables: NodeJS.ProcessEnv = process.env): Environment {
  const port = variables.STRATA_PORT === undefined ? undefined : Number(variables.STRATA_PORT);
  return {
    home: variables.STRATA_HOME || undefined,
    databaseUrl: variables.DATABASE_URL || undefined,
    redisUrl: variables.REDIS_URL || undefined,
    masterKey: variables.STRATA_MASTER_KEY || undefined,
    host: variables.STRATA_HOST || undefined,
    port: port !== undefined && Number.isInteger(port) ? port : undefined,
    debug: Boolean(variables.STRATA_DEBUG),
    variables,
  };
}
