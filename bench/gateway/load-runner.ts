/** Runs a load-generator or first-byte process against a target and returns what it measured. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuFor, pinToCpu } from './cpu-pinning.js';
import type { FirstByteResult, FirstByteSpec, LoadResult, LoadSpec } from './load-spec.js';

const loadScript = fileURLToPath(new URL('./load.js', import.meta.url));
const firstByteScript = fileURLToPath(new URL('./first-byte.js', import.meta.url));

/** Spawns the load generator with `spec`, waits for it to finish, and parses its JSON result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runScript<LoadResult>(loadScript, spec);
}

/** Spawns the first-byte probe with `spec` and parses its JSON result. */
export function runFirstByte(spec: FirstByteSpec): Promise<FirstByteResult> {
  return runScript<FirstByteResult>(firstByteScript, spec);
}

function runScript<Result>(script: string, spec: LoadSpec | FirstByteSpec): Promise<Result> {
  const child = spawn(process.execPath, [script, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pinToCpu(child.pid, cpuFor.harness);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Result);
      else reject(new Error(`load generator exited with code ${code}: ${stderr.trim() || stdout.trim()}`));
    });
  });
}
