import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../gateway/app.js';
import { ingestProjectDocs } from '../knowledge/project-docs.js';
import { createStack, type Stack } from '../pipeline/stack.js';
import { CliError, firstLine, loadConfigOrFail, openingStore } from './common.js';
import { tuneForServing } from './v8-tuning.js';

/** Flags of `strata serve`. */
export interface ServeOptions {
  config?: string;
  host?: string;
  port?: number;
  noAuth: boolean;
}

/** Starts the gateway and serves until SIGTERM or SIGINT, then drains and flushes before exiting. */
export async function serve(options: ServeOptions): Promise<void> {
  tuneForServing();
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () =>
    createStack(config, environment, {
      onLogError: (error) => console.error('request log:', error),
      writeLog: (text) => process.stdout.write(text),
    }),
  );
  const noAuth = options.noAuth || !config.server.auth;
  if (noAuth) {
    console.warn(
      '\n  WARNING: authentication is OFF (--no-auth). Anyone who can reach this port can use every',
    );
    console.warn('  configured provider on your keys. Use this for local development only.\n');
  }

  let shuttingDown = false;
  let inFlight = 0;
  const app = createApp({ stack, noAuth, isShuttingDown: () => shuttingDown });
  // Counted on the raw server: cheaper than a hook, and it sees hijacked streams too.
  app.server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
  });
  const host = options.host ?? config.server.host;
  try {
    await app.listen({ host, port: options.port ?? config.server.port });
  } catch (error) {
    await app.close().catch(() => {});
    await stack.close().catch(() => {});
    throw new CliError(listenFailure(error, host, options.port ?? config.server.port));
  }
  // Only a start that succeeded makes (and prints) a master key.
  if (!noAuth) await ensureMasterKey(stack, environment.masterKey);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  console.log(
    `strata listening on http://${host}:${port} (providers: ${[...stack.providers.keys()].join(', ') || 'none'})`,
  );

  if (config.knowledge.ingest_project_docs) {
    // In the background: the gateway serves at once, and the docs are searchable a moment later.
    const kb = config.knowledge.default_kb;
    ingestProjectDocs(stack.knowledge, kb).then(
      (result) =>
        console.log(
          `knowledge: ${kb} holds the project docs (${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.deleted} removed${result.failed ? `, ${result.failed} failed` : ''})`,
        ),
      (error: unknown) => console.error(`knowledge: could not ingest the project docs into ${kb}:`, error),
    );
  }

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: draining ${inFlight} in-flight request(s)…`);
    const closed = app.close();
    const deadline = Date.now() + config.server.shutdown_grace_ms;
    while (inFlight > 0 && Date.now() < deadline) await sleep(20);
    app.server.closeAllConnections();
    await closed;
    // Let aborted streams settle their summaries so their log rows are queued before the last flush.
    await nextTurn();
    await stack.close();
    console.log('strata stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function ensureMasterKey(stack: Stack, fromEnvironment: string | undefined): Promise<void> {
  const { generated } = await stack.keys.ensureMasterKey(fromEnvironment);
  if (!generated) return;
  console.log('\n  A master key was generated. It is shown only this once; only its hash is stored:');
  console.log(`\n    ${generated}\n`);
  console.log('  Set STRATA_MASTER_KEY to use a key of your own instead.\n');
}

/** Why the server could not listen, in one line with what to do. */
function listenFailure(error: unknown, host: string, port: number): string {
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
