/**
 * Portkey's open-source gateway as a bench target: installed on first use into a folder under the
 * system's temporary directory (never a dependency of this project), started on a free port, and pointed
 * at the mock upstream as an OpenAI-compatible provider through its `x-portkey-*` headers.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ServerProcess, startServerProcess } from './server-process.js';

/** The Portkey release the bench measures. */
export const portkeyVersion = '1.15.2';

// Its streaming answers 500 with newer `@hono/node-server` and `hono`; these are the versions it works with.
const pinned = { '@hono/node-server': '~1.13.8', hono: '~4.9.12' };

/** The folder Portkey is installed into, kept between runs so only the first one downloads it. */
export function portkeyFolder(): string {
  return join(tmpdir(), `strata-bench-portkey-${portkeyVersion}`);
}

function entryIn(folder: string): string {
  return join(folder, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
}

/** Installs Portkey with npm unless already there; returns its start script, or throws saying why not. */
export async function installPortkey(folder = portkeyFolder()): Promise<string> {
  const entry = entryIn(folder);
  if (existsSync(entry)) return entry;
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({ private: true, overrides: pinned }, null, 2),
  );
  const packages = [
    `@portkey-ai/gateway@${portkeyVersion}`,
    ...Object.entries(pinned).map(([name, range]) => `${name}@${range}`),
  ];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await promisify(execFile)(
      npm,
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', ...packages],
      { cwd: folder, timeout: 300_000 },
    );
  } catch (error) {
    // npm's last line only points at its log file; the first error line says what went wrong.
    const lines = (error as { stderr?: string }).stderr?.trim().split('\n') ?? [];
    const detail =
      lines.find((line) => line.startsWith('npm error') && !line.includes('complete log')) ?? String(error);
    throw new Error(`could not install @portkey-ai/gateway@${portkeyVersion} (${detail})`);
  }
  if (!existsSync(entry)) throw new Error(`@portkey-ai/gateway@${portkeyVersion} installed without ${entry}`);
  return entry;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The headers that make Portkey call the mock as an OpenAI-compatible provider. */
export function portkeyHeaders(upstreamPort: number): Record<string, string> {
  return {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `http://127.0.0.1:${upstreamPort}/v1`,
  };
}

/** Starts an installed Portkey gateway on a free port. */
export async function startPortkeyServer(entry: string, cpu?: number): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    name: 'portkey',
    command: process.execPath,
    args: [entry, `--port=${port}`, '--headless'],
    readyPattern: /Ready for connections/,
    port,
    ...(cpu !== undefined && { cpu }),
  });
}
