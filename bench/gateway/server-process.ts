/** A server started as a child process, ready once it prints its port, and stopped for sure at the end. */

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pinToCpu } from './cpu-pinning.js';

/** How to start a server child and recognise the line that announces its port. */
export interface ServerProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Matched against every stdout and stderr line; its first group is the port, unless `port` is given. */
  readyPattern: RegExp;
  /** The port the server was told to use, for servers that do not print the one they got. */
  port?: number;
  readyTimeoutMs?: number;
  /** The CPU to pin the server to; absent, it may run on every CPU. */
  cpu?: number;
}

/** A running server child. */
export interface ServerProcess {
  name: string;
  pid: number;
  port: number;
  /** The last lines the child wrote, for error messages. */
  outputTail(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A bench interrupted half-way must not leave servers holding ports and CPU.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 3000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 3000);
    }
  }
  running.delete(child);
}

/** Spawns a server and resolves once it has announced its port; rejects with its output if it dies or stalls. */
export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  killAllOnExit();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  if (options.cpu !== undefined) pinToCpu(child.pid, options.cpu);
  const tail: string[] = [];
  const outputTail = (): string => tail.join('\n');

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() => {
        const output = outputTail();
        reject(new Error(`${options.name}: ${reason}${output === '' ? '' : `; its output:\n${output}`}`));
      });
    };
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(`did not announce its port within ${timeoutMs} ms`), timeoutMs);
    const onLine = (line: string): void => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (settled) return;
      const match = options.readyPattern.exec(line);
      const port = options.port ?? Number(match?.[1]);
      if (match === null || !Number.isInteger(port) || port <= 0) return;
      settled = true;
      clearTimeout(timer);
      resolve({ name: options.name, pid: child.pid ?? 0, port, outputTail, stop: () => stopChild(child) });
    };
    // Both streams stay drained for the child's whole life, so a chatty server never blocks on a full pipe.
    if (child.stdout !== null) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr !== null) createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('close', (code, signal) =>
      fail(`exited before it was ready (code ${code}, signal ${signal})`),
    );
  });
}
