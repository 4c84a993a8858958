import { newId } from '../core/ids.js';
import type { RetainedKind, Retention, RetentionRule } from '../store/retention.js';

/** What the purge job runs on and how often. */
export interface RetentionJobOptions {
  retention: Retention;
  rules: Partial<Record<RetainedKind, RetentionRule>>;
  /** Days captured content is kept where an organisation sets none; undefined keeps it with its trace. */
  contentDays?: number | undefined;
  intervalMs: number;
  onPurged?: (deleted: Record<RetainedKind, number>) => void;
  onError?: (error: unknown) => void;
}

/** A running purge job. */
export interface RetentionJob {
  /** Runs one purge now if this replica holds (or takes) the lease; resolves to whether it ran. */
  runOnce(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Purges on a schedule, in one replica at a time: each run first claims a lease in the store that
 * outlives the interval, so replicas sharing PostgreSQL never purge at once and a dead holder's lease
 * lapses by itself.
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const owner = newId('purger');
  const onError =
    options.onError ?? ((error) => process.emitWarning(`Retention purge failed: ${String(error)}`));
  let running: Promise<boolean> = Promise.resolve(false);
  const runOnce = () => {
    running = running
      .catch(() => false)
      .then(async () => {
        if (!(await options.retention.claim(owner, options.intervalMs * 2))) return false;
        options.onPurged?.(await options.retention.purge(options.rules));
        await options.retention.stripContent(options.contentDays);
        return true;
      });
    return running;
  };
  const tick = () => void runOnce().catch(onError);
  // The first purge waits a moment, so a start is not slowed by it.
  const first = setTimeout(tick, Math.min(options.intervalMs, 30_000));
  const every = setInterval(tick, options.intervalMs);
  first.unref();
  every.unref();
  return {
    runOnce,
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running.catch(() => false);
    },
  };
}
