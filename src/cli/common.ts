import { type Environment, readEnvironment } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import { createStack, type Stack } from '../pipeline/stack.js';

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
    const [only, ...others] = loaded.issues;
    if (only !== undefined && others.length === 0) throw new CliError(`Invalid configuration: ${only}`);
    throw new CliError(`Invalid configuration:\n${loaded.issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
  return { config: loaded.value, environment };
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Runs what opens the store (`createStack`, `openDatabase`); a failure there becomes one line that says
 * what to check. Config errors pass through as they are.
 */
export async function openingStore<T>(config: Config, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof CliError || error instanceof StrataError) throw error;
    const check = config.store.database_url
      ? 'check DATABASE_URL (or store.database_url) and that the database server is running'
      : `check that the store folder ${config.store.home} (STRATA_HOME) is writable`;
    throw new CliError(`${firstLine(error)}; ${check}`);
  }
}

/**
 * Opens the stack on the config's store, runs a command on it and closes it. Expected problems (an
 * unknown name, a bad argument: errors under 500) read as plain messages, not crashes.
 */
export async function withStack(
  configPath: string | undefined,
  use: (stack: Stack) => Promise<void>,
): Promise<void> {
  const { config, environment } = await loadConfigOrFail(configPath);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    await use(stack);
  } catch (error) {
    if (error instanceof StrataError && error.status < 500) throw new CliError(error.message);
    throw error;
  } finally {
    await stack.close();
  }
}
