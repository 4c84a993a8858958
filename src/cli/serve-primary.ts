import cluster, { type Worker } from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKeyService } from '../governance/keys.js';
import { openDatabase } from '../store/database.js';
import { loadConfigOrFail, openingStore } from './common.js';
import { assertCanListen, printGeneratedKey, warnNoAuth } from './serve-notices.js';
import { withStartupFlags } from './v8-tuning.js';

/** The flags of `strata serve` the primary reads; the workers read them all again from their own argv. */
export interface PrimaryOptions {
  config?: string;
  host?: string;
  port?: number;
  noAuth: boolean;
}

/** What a worker tells the primary once it listens. */
export interface ListeningMessage {
  type: 'strata-listening';
  port: number;
  providers: string[];
}

function isListening(message: unknown): message is ListeningMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'strata-listening'
  );
}

/** Extra time past the workers' own drain grace before a worker that has not exited is killed. */
const exitMarginMs = 5000;

/**
 * The primary of `strata serve --workers N`: migrates the store and settles the master key once, forks N
 * workers that share the port, announces the gateway once they all listen, replaces a worker that dies,
 * and on SIGTERM or SIGINT passes SIGTERM on and waits for every worker to drain before it exits.
 */
export async function servePrimary(options: PrimaryOptions, count: number): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  // A port that cannot be had fails the start in one line, before a master key is made.
  await assertCanListen(options.host ?? config.server.host, options.port ?? config.server.port);
  // Migrations and the master key happen here, once, before any worker opens the store.
  const store = await openingStore(config, () =>
    openDatabase({
      home: config.store.home,
      ...(config.store.database_url && { url: config.store.database_url }),
    }),
  );
  const noAuth = options.noAuth || !config.server.auth;
  try {
    if (noAuth) warnNoAuth();
    else {
      const { generated } = await createKeyService(store.db, config.keys).ensureMasterKey(
        environment.masterKey,
      );
      if (generated) printGeneratedKey(generated);
    }
  } finally {
    await store.close();
  }
  if (config.limits.rate_limits.length > 0 && environment.redisUrl === undefined) {
    console.warn(
      `  note: rate limits are counted in each of the ${count} workers (up to ${count}x each limit in total);` +
        ' set REDIS_URL to share them, or serve with --workers 1.',
    );
  }

  // A worker's heap is sized when it starts: this is the one place its young generation can be chosen.
  cluster.setupPrimary({ execArgv: withStartupFlags(process.execArgv) });
  let shuttingDown = false;
  const ready = new Set<Worker>();
  let announced = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isListening(message) || shuttingDown) return;
      ready.add(worker);
      if (announced || ready.size < count) return;
      announced = true;
      const host = options.host ?? config.server.host;
      console.log(
        `strata listening on http://${host}:${message.port} (providers: ${message.providers.join(', ') || 'none'}) with ${count} workers`,
      );
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    ready.delete(worker);
    if (shuttingDown) return;
    if (!announced) {
      // A worker that cannot start will not start on a second try either (bad config, port taken).
      console.error(`strata: a worker exited before the gateway was ready (code ${code}, signal ${signal})`);
      shuttingDown = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGKILL');
      process.exit(1);
    }
    console.error(
      `strata: worker ${worker.process.pid} exited (code ${code}, signal ${signal}); starting another`,
    );
    fork();
  });
  for (let index = 0; index < count; index++) fork();

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const running = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    console.log(`${signal}: stopping ${running.length} worker(s)…`);
    for (const worker of running) worker.process.kill('SIGTERM');
    const deadline = Date.now() + config.server.shutdown_grace_ms + exitMarginMs;
    while (running.some((worker) => !worker.isDead()) && Date.now() < deadline) await sleep(20);
    for (const worker of running) if (!worker.isDead()) worker.process.kill('SIGKILL');
    console.log('strata stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
