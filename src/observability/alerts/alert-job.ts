import { newId } from '../../core/ids.js';
import type { Alerting } from './alerting.js';

/** What the evaluation job runs and how often. */
export interface AlertJobOptions {
  alerting: Pick<Alerting, 'evaluate'>;
  /** Takes or renews the evaluation lease for `owner` (see `claimLease`); false while another holds it. */
  claim(owner: string, ttlMs: number): Promise<boolean>;
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/** A running evaluation job. */
export interface AlertJob {
  /** Evaluates once now if this replica holds (or takes) the lease; resolves to whether it ran. */
  runOnce(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Evaluates the alert rules on a schedule in one replica at a time: each run first claims a lease in the
 * store that outlives the interval, so replicas sharing PostgreSQL never notify twice for one alert.
 */
export function startAlertJob(options: AlertJobOptions): AlertJob {
  const owner = newId('alerter');
  const onError =
    options.onError ?? ((error) => process.emitWarning(`Alert evaluation failed: ${String(error)}`));
  let running: Promise<boolean> = Promise.resolve(false);
  const runOnce = () => {
    running = running
      .catch(() => false)
      .then(async () => {
        if (!(await options.claim(owner, options.intervalMs * 2))) return false;
        await options.alerting.evaluate();
        return true;
      });
    return running;
  };
  const every = setInterval(() => void runOnce().catch(onError), options.intervalMs);
  every.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(every);
      await running.catch(() => false);
    },
  };
}
