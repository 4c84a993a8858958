import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { servePrimary } from './serve-primary.js';
import type { ServeOptions } from './serve-process.js';

export type { ServeOptions };

/**
 * Starts the gateway and serves until SIGTERM or SIGINT, then drains and flushes before exiting. With
 * more than one worker this process becomes the primary of a cluster and each worker runs this again.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const workers = options.workers ?? availableParallelism();
  if (workers > 1 && cluster.isPrimary) return servePrimary(options, workers);
  // Loaded here, so a primary never holds the gateway's code: its memory stays that of a supervisor.
  const { serveProcess } = await import('./serve-process.js');
  return serveProcess(options, cluster.isWorker ? 'worker' : 'single');
}
