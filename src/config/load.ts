import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { Result } from '../core/result.js';
import type { Environment } from './env.js';
import { type Config, configSchema } from './schema.js';

/** Where a config came from, for messages. */
export interface LoadOptions {
  /** Path to `strata.yaml`; without it, defaults and the environment only. */
  path?: string;
  environment: Environment;
}

const placeholder = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed document, collecting unset names. */
function interpolate(value: unknown, environment: Environment, path: string, issues: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(placeholder, (_match, name: string, fallback: string | undefined) => {
      const found = environment.variables[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      issues.push(
        `${path || '(root)'}: environment variable ${name} is not set (write \${${name}:-} to allow empty)`,
      );
      return '';
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolate(item, environment, `${path}[${index}]`, issues));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolate(item, environment, path ? `${path}.${key}` : key, issues),
      ]),
    );
  }
  return value;
}

/** Formats a zod issue path as `providers.openai.base_url` or `models[0].name`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}

/** Applies the environment's overrides (STRATA_HOME, DATABASE_URL, STRATA_HOST, STRATA_PORT) to a raw document. */
function withEnvironment(
  document: Record<string, unknown>,
  environment: Environment,
): Record<string, unknown> {
  const server = { ...(document.server as Record<string, unknown> | undefined) };
  const store = { ...(document.store as Record<string, unknown> | undefined) };
  if (environment.host !== undefined) server.host = environment.host;
  if (environment.port !== undefined) server.port = environment.port;
  if (environment.home !== undefined) store.home = environment.home;
  if (environment.databaseUrl !== undefined && store.database_url === undefined) {
    store.database_url = environment.databaseUrl;
  }
  return { ...document, server, store };
}

/** Validates an already-parsed config document; issues name the path of each bad field and what is wrong. */
export function parseConfig(document: unknown, environment: Environment): Result<Config> {
  if (
    document !== null &&
    document !== undefined &&
    (typeof document !== 'object' || Array.isArray(document))
  ) {
    return {
      ok: false,
      issues: ['(root): the config must be a mapping of sections such as providers and models'],
    };
  }
  const issues: string[] = [];
  const interpolated = interpolate(document ?? {}, environment, '', issues) as Record<string, unknown>;
  if (issues.length > 0) return { ok: false, issues };
  const parsed = configSchema.safeParse(withEnvironment(interpolated, environment));
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`),
    };
  }
  return { ok: true, value: parsed.data };
}

/** Reads and validates `strata.yaml` (or the defaults when no path is given). */
export async function loadConfig(options: LoadOptions): Promise<Result<Config>> {
  if (options.path === undefined) return parseConfig({}, options.environment);
  let text: string;
  try {
    text = await readFile(options.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ENOENT'
        ? 'no such file; check the --config path, or leave --config out to start on defaults'
        : code === 'EISDIR'
          ? 'that is a folder; point --config at the strata.yaml file in it'
          : `cannot read the config file (${code ?? error})`;
    return { ok: false, issues: [`${options.path}: ${hint}`] };
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { ok: false, issues: [`${options.path}: not valid YAML: ${(error as Error).message}`] };
  }
  const result = parseConfig(document, options.environment);
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map((issue) => `${options.path}: ${issue}`) };
}
