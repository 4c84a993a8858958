/** The environment Strata reads, parsed once at start; nothing else reads `process.env`. */
export interface Environment {
  home: string | undefined;
  databaseUrl: string | undefined;
  /** Redis shared by replicas for rate limits; absent, limits are counted in process. */
  redisUrl: string | undefined;
  masterKey: string | undefined;
  host: string | undefined;
  port: number | undefined;
  /** OTLP/HTTP trace export, when `OTEL_EXPORTER_OTLP_ENDPOINT` (or its traces form) is set. */
  otlp:
    | {
        url: string;
        protocol: 'http/protobuf' | 'http/json';
        headers: Record<string, string>;
        serviceName: string;
      }
    | undefined;
  /** STRATA_DEBUG: the CLI prints an unexpected error's stack rather than its one-line message. */
  debug?: boolean;
  /** Every variable, for `${VAR}` interpolation in the config file and provider keys. */
  variables: Readonly<Record<string, string | undefined>>;
}

/** `key=value,key2=value2` as the OTLP headers variables write it (values percent-encoded). */
function otlpHeaders(list: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (list ?? '').split(',')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const value = pair.slice(equals + 1).trim();
    try {
      headers[pair.slice(0, equals).trim()] = decodeURIComponent(value);
    } catch {
      headers[pair.slice(0, equals).trim()] = value;
    }
  }
  return headers;
}

/** The OTLP trace export settings the standard variables describe, or undefined when none is set. */
function readOtlp(variables: NodeJS.ProcessEnv): Environment['otlp'] {
  const tracesUrl = variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined;
  const base = variables.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  if (tracesUrl === undefined && base === undefined) return undefined;
  const protocol = variables.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || variables.OTEL_EXPORTER_OTLP_PROTOCOL;
  return {
    url: tracesUrl ?? `${base?.replace(/\/+$/, '')}/v1/traces`,
    protocol: protocol === 'http/json' ? 'http/json' : 'http/protobuf',
    headers: {
      ...otlpHeaders(variables.OTEL_EXPORTER_OTLP_HEADERS),
      ...otlpHeaders(variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
    serviceName: variables.OTEL_SERVICE_NAME || 'strata',
  };
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
    otlp: readOtlp(variables),
    debug: Boolean(variables.STRATA_DEBUG),
    variables,
  };
}
