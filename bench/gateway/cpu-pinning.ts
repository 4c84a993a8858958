import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Which CPU each role runs on. On a 2-core machine the measured server gets a core of its own while the
 * load generator and the mock upstream share the other: without this, the three fight over both cores
 * and CPU per request swings by a third between identical runs.
 */
export const cpuFor = { measured: 1, harness: 0 } as const;

/** Pins every thread of a running process to one CPU (Linux `taskset`); a no-op where that is not possible. */
export function pinToCpu(pid: number | undefined, cpu: number): void {
  if (availableParallelism() > cpu) setAffinity(pid, String(cpu));
}

/** Lets every thread of a running process run on every CPU again. */
export function unpin(pid: number | undefined): void {
  setAffinity(pid, `0-${availableParallelism() - 1}`);
}

function setAffinity(pid: number | undefined, cpus: string): void {
  if (pid === undefined || process.platform !== 'linux') return;
  try {
    execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
  } catch {
    // Without taskset the bench still runs, only noisier.
  }
}
