import { createServer } from 'node:net';
import { CliError, firstLine } from './common.js';

/** What `strata serve` tells the operator at start, printed once whether it runs one process or a cluster. */

/** Prints the warning for a gateway that serves without keys. */
export function warnNoAuth(): void {
  console.warn(
    '\n  WARNING: authentication is OFF (--no-auth). Anyone who can reach this port can use every',
  );
  console.warn('  configured provider on your keys. Use this for local development only.\n');
}

/** Prints a freshly generated master key, the only time it is ever shown. */
export function printGeneratedKey(generated: string): void {
  console.log('\n  A master key was generated. It is shown only this once; only its hash is stored:');
  console.log(`\n    ${generated}\n`);
  console.log('  Set STRATA_MASTER_KEY to use a key of your own instead.\n');
}

/** Why the server could not listen, in one line with what to do. */
export function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as { code?: unknown }).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return `port ${port} on ${host} is already in use; stop what holds it, or pick another with --port <n> or STRATA_PORT`;
  if (code === 'EACCES')
    return `not allowed to listen on ${where} (ports below 1024 need privileges); use --port <n> or STRATA_PORT`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on ${host}: no such address on this machine; use --host 127.0.0.1 (or 0.0.0.0) or STRATA_HOST`;
  return `cannot listen on ${where}: ${firstLine(error)}`;
}

/**
 * Fails with `listenFailure`'s one line when `host:port` cannot be listened on, so a cluster's primary
 * finds a taken port before it makes a master key or forks a worker.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw new CliError(listenFailure(error, host, port));
  } finally {
    await new Promise((resolve) => probe.close(resolve));
  }
}
