/** Strata itself as a bench target: the built CLI's `serve`, in a throwaway home, pointed at the mock upstream. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuFor } from './cpu-pinning.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

/** The master key the bench starts Strata with and sends on every request. */
export const benchMasterKey = 'sk-strata-bench-master-key-0000000000';

/** The model name requests to Strata use: the `mock` provider's `gpt-4o-mini`. */
export const benchModel = 'mock/gpt-4o-mini';

/** Where the built Strata CLI lives, relative to this compiled file. */
export const defaultStrataEntry: string = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

const listeningLine = /listening (?:on|at) http:\/\/127\.0\.0\.1:(\d+)/i;

/** Starts Strata's `serve` with a config whose only provider is the mock upstream on `upstreamPort`. */
export async function startStrataServer(
  upstreamPort: number,
  entry = defaultStrataEntry,
): Promise<ServerProcess> {
  if (!existsSync(entry)) {
    throw new Error(
      `strata: the CLI is not built (${entry} is missing); build the project, then run the bench again`,
    );
  }
  const home = await mkdtemp(join(tmpdir(), 'strata-bench-'));
  const configPath = join(home, 'strata.yaml');
  await writeFile(
    configPath,
    [
      'providers:',
      '  mock:',
      '    kind: openai-compatible',
      `    base_url: http://127.0.0.1:${upstreamPort}/v1`,
      // The one-time ingestion of the project docs at start would run inside the measured window.
      'knowledge:',
      '  ingest_project_docs: false',
      '',
    ].join('\n'),
  );
  const removeHome = (): Promise<void> => rm(home, { recursive: true, force: true });
  try {
    const server = await startServerProcess({
      name: 'strata',
      command: process.execPath,
      args: [entry, 'serve', '--config', configPath, '--port', '0', '--host', '127.0.0.1'],
      env: { ...process.env, STRATA_HOME: home, STRATA_MASTER_KEY: benchMasterKey },
      readyPattern: listeningLine,
      cpu: cpuFor.measured,
    });
    return { ...server, stop: () => server.stop().then(removeHome) };
  } catch (error) {
    await removeHome();
    throw error;
  }
}
