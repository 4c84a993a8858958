/** Strata itself as a bench target: the built CLI's `serve`, in a throwaway home, pointed at the mock upstream. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupV8Flags } from '../../src/cli/v8-tuning.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

/** The master key the bench starts Strata with, sent by the minimal profile. */
export const benchMasterKey = 'sk-strata-bench-master-key-0000000000';

/** The virtual key of the full profile: a key of its own, in a team with a budget. */
export const benchVirtualKey = 'sk-strata-bench-virtual-key-000000000';

/** The model name requests to Strata use: the `mock` provider's `gpt-4o-mini`. */
export const benchModel = 'mock/gpt-4o-mini';

/** Where the built Strata CLI lives, relative to this compiled file. */
export const defaultStrataEntry: string = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/**
 * `minimal`: the master key, no budgets or limits. `full`: what a production config has — a virtual key
 * in a team, a team budget and a global budget, a per-key rate limit, the request log and ledger, and
 * the observability layer's defaults (traces stored, metrics, JSON logs). `full_unobserved`: `full` with
 * traces, metrics and logs off; `full_no_traces`, `full_no_metrics`, `full_no_logs`: `full` with that one part off.
 */
export type StrataProfile =
  | 'minimal'
  | 'full'
  | 'full_unobserved'
  | 'full_no_traces'
  | 'full_no_metrics'
  | 'full_no_logs';

/** The `observability:` lines of the profiles that turn some of it off. */
const observabilityOff: Partial<Record<StrataProfile, string[]>> = {
  full_unobserved: ['  traces: false', '  metrics: false', '  logs: off'],
  full_no_traces: ['  traces: false'],
  full_no_metrics: ['  metrics: false'],
  full_no_logs: ['  logs: off'],
};

const listeningLine = /listening (?:on|at) http:\/\/127\.0\.0\.1:(\d+)/i;

/** The `strata.yaml` of a profile; limits are far above what the bench can spend, so nothing is refused. */
export function strataConfig(profile: StrataProfile, upstreamPort: number): string {
  const lines = [
    'providers:',
    '  mock:',
    '    kind: openai-compatible',
    `    base_url: http://127.0.0.1:${upstreamPort}/v1`,
    // The one-time ingestion of the project docs at start would run inside the measured window.
    'knowledge:',
    '  ingest_project_docs: false',
  ];
  if (profile !== 'minimal') {
    lines.push(
      'keys:',
      '  - name: bench-app',
      `    key: ${benchVirtualKey}`,
      '    team: bench-team',
      // Budgets need a price: the mock's model is priced as the real one is (the catalog keys by provider kind).
      'catalog:',
      '  models:',
      '    - { provider: openai-compatible, id: gpt-4o-mini, input: 0.15, output: 0.6 }',
      'budgets:',
      '  - { scope: team, match: bench-team, period: monthly, limit_usd: 1000000 }',
      '  - { scope: global, period: monthly, limit_usd: 1000000 }',
      'limits:',
      '  rate_limits:',
      '    - { scope: key, requests_per_minute: 100000000, tokens_per_minute: 1000000000 }',
    );
  }
  // The same full config with all or one of traces, metrics and logs off: each pair prices what is off.
  const off = observabilityOff[profile];
  if (off) lines.push('observability:', ...off);
  return `${lines.join('\n')}\n`;
}

/** This environment without the variables that would move state off the embedded store and process. */
function embeddedEnvironment(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = process.env;
  return rest;
}

/** How to start one Strata target. */
export interface StrataServerOptions {
  profile: StrataProfile;
  upstreamPort: number;
  /** `serve --workers`; 1 keeps one process. */
  workers: number;
  cpu?: number;
  entry?: string;
}

/** Starts Strata's `serve` with a config whose only provider is the mock upstream. */
export async function startStrataServer(options: StrataServerOptions): Promise<ServerProcess> {
  const entry = options.entry ?? defaultStrataEntry;
  if (!existsSync(entry)) {
    throw new Error(
      `strata: the CLI is not built (${entry} is missing); build the project, then run the bench again`,
    );
  }
  const home = await mkdtemp(join(tmpdir(), 'strata-bench-'));
  const configPath = join(home, 'strata.yaml');
  await writeFile(configPath, strataConfig(options.profile, options.upstreamPort));
  const removeHome = (): Promise<void> => rm(home, { recursive: true, force: true });
  // Started as `npm start` starts it: with the V8 flags only node's command line can set.
  const args = [
    ...startupV8Flags,
    entry,
    'serve',
    '--config',
    configPath,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ];
  try {
    const server = await startServerProcess({
      name: `strata ${options.profile}${options.workers > 1 ? ` x${options.workers}` : ''}`,
      command: process.execPath,
      args: [...args, '--workers', String(options.workers)],
      env: { ...embeddedEnvironment(), STRATA_HOME: home, STRATA_MASTER_KEY: benchMasterKey },
      readyPattern: listeningLine,
      ...(options.cpu !== undefined && { cpu: options.cpu }),
    });
    return { ...server, stop: () => server.stop().then(removeHome) };
  } catch (error) {
    await removeHome();
    throw error;
  }
}
