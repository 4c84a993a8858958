import { type Environment, readEnvironment } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/** An error the CLI reports as a plain message with a non-zero exit, no stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Loads and validates the config for a command, or fails with every issue listed. */
export async function loadConfigOrFail(
  path: string | undefined,
): Promise<{ config: Config; environment: Environment }> {
  const environment = readEnvironment();
  const loaded = await loadConfig({ environment, ...(path !== undefined && { path }) });
  if (!loaded.ok) {
    throw new CliError(`Invalid configuration:\n${loaded.issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
  return { config: loaded.value, environment };
}
