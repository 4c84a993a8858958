import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The master key every spawned test gateway starts with. */
export const serveMasterKey = 'sk-strata-test-master-key-000000000000';

const mainScript = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

/**
 * Spawns `strata serve` on a free port with the given environment (STRATA_HOME, REDIS_URL, …) and
 * resolves `url` once it listens; rejects if it exits first.
 */
export function spawnServe(
  configPath: string,
  environment: Record<string, string>,
): { process: ChildProcess; url: Promise<string> } {
  const child = spawn(
    process.execPath,
    [mainScript, 'serve', '--config', configPath, '--port', '0', '--workers', '1'],
    {
      env: { ...process.env, STRATA_MASTER_KEY: serveMasterKey, ...environment },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });
  return { process: child, url };
}

/** Sends SIGTERM (or `signal`) and resolves with the exit code once the process exited. */
export function stopped(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
