import type { Dispatcher } from 'undici';
import type { Environment } from '../config/env.js';
import type { Config } from '../config/schema.js';
import { startAlertJob } from '../observability/alerts/alert-job.js';
import { type Alerting, createAlerting } from '../observability/alerts/alerting.js';
import { createLineLog, type LineLog } from '../observability/call-log.js';
import { type BudgetUse, createMetrics, type Metrics } from '../observability/metrics.js';
import { createObserver } from '../observability/observer.js';
import { startRetentionJob } from '../observability/retention-job.js';
import { createAlertsRepository } from '../store/alerts-repository.js';
import type { Store } from '../store/database.js';
import { claimLease } from '../store/lease.js';
import type { RequestQueries } from '../store/request-queries.js';
import { createRetention } from '../store/retention.js';
import { createTraceWriter } from '../store/traces.js';
import { callReport } from './call-report.js';
import type { ObserveCall } from './stages/record.js';

/** What the observability layer reads from the rest of the stack; the getters are read at use time. */
export interface ObservabilityDeps {
  config: Config;
  environment: Environment;
  store: Store;
  requests: RequestQueries;
  /** Each budget's use of its current window, for the gauge and the budget alerts. */
  budgetUses: () => Promise<BudgetUse[]>;
  /** Open and half-open circuit breakers; absent when no route is configured. */
  breakers?: (() => Promise<Array<{ key: string; state: string }>>) | undefined;
  /** True for a route whose calls keep their content (`capture_content` on the route). */
  routeCaptures: (route: string) => boolean;
  /** The pool alert webhooks are sent through: the outbound guard's. */
  dispatcher: Dispatcher;
  writeLog?: ((text: string) => void) | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

/** The observability layer as the stack uses it. */
export interface Observability {
  /** True when calls carry stage timings (traces stored or exported). */
  traced: boolean;
  metrics: Metrics | undefined;
  log: LineLog | undefined;
  alerts: Alerting;
  /** Hands a finished call to traces, metrics and logs; undefined when all three are off. */
  observe: ObserveCall | undefined;
  /** Writes every trace observed so far. */
  flush(): Promise<void>;
  /** Stops the retention and alert jobs and sends the alerts raised so far. */
  stopJobs(): Promise<void>;
  /** Flushes and closes the trace writer and the OTLP sender. */
  close(): Promise<void>;
}

/** Builds traces, metrics, logs, alerts and retention from `observability:` in config. */
export async function createObservability(deps: ObservabilityDeps): Promise<Observability> {
  const { config, environment, store } = deps;
  const { observability } = config;
  const onError = deps.onError;
  const batching = {
    batchSize: config.request_log.batch_size,
    flushIntervalMs: config.request_log.flush_interval_ms,
    ...(onError && { onError }),
  };
  const breakers = deps.breakers;
  const metrics = observability.metrics
    ? createMetrics({
        budgets: deps.budgetUses,
        ...(breakers && {
          breakers: async () =>
            (await breakers()).map(({ key, state }) => ({ target: key, state: state === 'open' ? 1 : 0.5 })),
        }),
      })
    : undefined;
  const log =
    observability.logs === 'json' && deps.writeLog
      ? createLineLog(deps.writeLog, observability.log_level)
      : undefined;
  const traced = observability.traces || environment.otlp !== undefined;
  // The OTLP exporters are loaded only when a collector is configured.
  const sender =
    environment.otlp &&
    (await import('../observability/otlp-exporter.js')).createOtlpSender(environment.otlp);
  const observer =
    traced || metrics || log
      ? createObserver({
          traces: observability.traces ? createTraceWriter(store, batching) : undefined,
          sender,
          metrics,
          log,
          ...(onError && { onError }),
        })
      : undefined;
  const { retention: kept } = observability;
  const retention = startRetentionJob({
    retention: createRetention(store.db, store.dialect),
    contentDays: kept.content_days,
    intervalMs: kept.interval_minutes * 60_000,
    rules: {
      traces: { maxAgeDays: kept.traces.days, maxRows: kept.traces.max_rows },
      request_log: { maxAgeDays: kept.request_log.days, maxRows: kept.request_log.max_rows },
      ledger: { maxAgeDays: kept.ledger.days, maxRows: kept.ledger.max_rows },
    },
    ...(onError && { onError }),
  });
  const alerts = createAlerting({
    config: observability.alerts,
    repository: createAlertsRepository(store.db),
    sources: { totals: (filter) => deps.requests.totals(filter), budgets: deps.budgetUses },
    dispatcher: deps.dispatcher,
    ...(onError && { onError }),
  });
  // No rules, no job: raised events are still recorded and sent.
  const alertJob =
    observability.alerts.rules.length === 0
      ? undefined
      : startAlertJob({
          alerting: alerts,
          claim: (owner, ttlMs) => claimLease(store.db, 'alerts.lease', owner, ttlMs),
          intervalMs: observability.alerts.interval_seconds * 1000,
          ...(onError && { onError }),
        });
  const capture = {
    enabled: observability.capture_content,
    maxChars: observability.content_max_chars,
    routeCaptures: deps.routeCaptures,
  };
  return {
    traced,
    metrics,
    log,
    alerts,
    observe: observer && ((call, input) => observer.observe(callReport(call, input, capture))),
    async flush() {
      await observer?.flush();
    },
    async stopJobs() {
      await retention.stop();
      await alertJob?.stop();
      await alerts.flush();
    },
    async close() {
      await observer?.close();
    },
  };
}
