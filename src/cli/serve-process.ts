import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../gateway/app.js';
import { canonicalJson } from '../governance/audit.js';
import { ingestProjectDocs } from '../knowledge/project-docs.js';
import { createStack, type Stack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { listenFailure, printGeneratedKey, warnNoAuth } from './serve-notices.js';
import type { ListeningMessage } from './serve-primary.js';
import { tuneForServing } from './v8-tuning.js';

/** Flags of `strata serve`. */
export interface ServeOptions {
  config?: string;
  host?: string;
  port?: number;
  noAuth: boolean;
  /** Worker processes behind the one port; 1 serves from this process. Defaults to the available cores. */
  workers?: number;
}

/** Serves from this process: alone (`single`), or as one worker of a cluster whose primary speaks for it. */
export async function serveProcess(options: ServeOptions, role: 'single' | 'worker'): Promise<void> {
  tuneForServing();
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () =>
    createStack(config, environment, {
      onLogError: (error) => console.error('request log:', error),
      writeLog: (text) => process.stdout.write(text),
    }),
  );
  const noAuth = options.noAuth || !config.server.auth;
  if (noAuth && role === 'single') warnNoAuth();

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
  // Only a start that succeeded makes (and prints) a master key. In a cluster the primary made it
  // already (after checking the port); a worker only reads its hash.
  if (!noAuth) {
    const { generated } = await stack.keys.ensureMasterKey(environment.masterKey);
    if (generated) printGeneratedKey(generated);
  }
  // One process per start records the configuration, before it says it is listening.
  if (role === 'single' || cluster.worker?.id === 1)
    await auditConfigLoad(stack, noAuth).catch((error: unknown) => console.error(error));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const providers = [...stack.providers.keys()];
  if (role === 'worker') {
    process.send?.({ type: 'strata-listening', port, providers } satisfies ListeningMessage);
  } else {
    console.log(`strata listening on http://${host}:${port} (providers: ${providers.join(', ') || 'none'})`);
  }

  // In a cluster the first worker ingests; the others reload the base when its revision moves.
  const ingests = role === 'single' || cluster.worker?.id === 1;
  if (config.knowledge.ingest_project_docs && ingests) {
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

  const who = role === 'worker' ? `worker ${process.pid}: ` : '';
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${who}${signal}: draining ${inFlight} in-flight request(s)…`);
    const closed = app.close();
    const deadline = Date.now() + config.server.shutdown_grace_ms;
    while (inFlight > 0 && Date.now() < deadline) await sleep(20);
    app.server.closeAllConnections();
    await closed;
    // Let aborted streams settle their summaries so their log rows are queued before the last flush.
    await nextTurn();
    await stack.close();
    if (role === 'single') console.log('strata stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Records the configuration this start loaded in the audit log: a digest of it (it holds provider
 * keys, so never the text) and whether it differs from the one the previous start loaded.
 */
async function auditConfigLoad(stack: Stack, noAuth: boolean): Promise<void> {
  const digest = createHash('sha256').update(canonicalJson(stack.config)).digest('hex');
  const [previous] = await stack.access.audit.list({ action: 'config.loaded', limit: 1 });
  const previousDigest =
    previous === undefined ? undefined : (JSON.parse(previous.detail) as { digest?: string }).digest;
  await stack.access.audit.record({
    actor: 'serve',
    action: 'config.loaded',
    detail: {
      digest,
      changed: previousDigest !== undefined && previousDigest !== digest,
      auth: !noAuth,
      sso: stack.config.sso !== undefined,
    },
  });
}
