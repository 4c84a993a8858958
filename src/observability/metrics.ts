import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CallReport } from '../core/call-report.js';
import { genAiProviderName } from './gen-ai-attributes.js';

/** Bucket boundaries the OpenTelemetry GenAI conventions give for token counts. */
export const tokenBuckets = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** … for operation durations, in seconds. */
export const durationBuckets = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
/** … for time to first token, in seconds. */
export const ttftBuckets = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** A budget's use of its current window, for the utilisation gauge. */
export interface BudgetUse {
  id: string;
  scope: string;
  limitUsd: number;
  usedUsd: number;
}

/** Where the gauges read state the calls do not carry. */
export interface MetricSources {
  budgets?: () => Promise<BudgetUse[]>;
  /** Circuit breakers by target (1 open, 0.5 half-open, 0 closed); closed ones may be left out. */
  breakers?: () => Promise<Array<{ target: string; state: number }>>;
}

/** Prometheus metrics of the gateway: updated from each call's report, rendered for `GET /metrics`. */
export interface Metrics {
  readonly registry: Registry;
  observe(report: CallReport): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

// prom-client hashes a label object on every observation; children kept per label set skip that, and the
// label object is only built the first time a set is seen.
const children = new WeakMap<object, Map<string, unknown>>();

/** A metric's child for one set of label values, looked up by a key the caller builds cheaply. */
function cached<T>(metric: object, key: string, make: () => T): T {
  let byKey = children.get(metric) as Map<string, T> | undefined;
  if (!byKey) {
    byKey = new Map();
    children.set(metric, byKey);
  }
  let found = byKey.get(key);
  if (found === undefined) {
    found = make();
    byKey.set(key, found);
  }
  return found;
}

/** Observes a value in a histogram's child for one label set. */
function observeIn(
  histogram: Histogram,
  key: string,
  values: () => Record<string, string>,
  value: number,
): void {
  cached(histogram, key, () => histogram.labels(values())).observe(value);
}

/** Adds to a counter's child for one label set. */
function increment(counter: Counter, key: string, values: () => Record<string, string>, by = 1): void {
  cached(counter, key, () => counter.labels(values())).inc(by);
}

/** Builds the metrics on a registry of their own (so several stacks in one process never share one). */
export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const genAiLabels = [
    'gen_ai_operation_name',
    'gen_ai_provider_name',
    'gen_ai_request_model',
    'gen_ai_response_model',
  ];
  const tokenUsage = new Histogram({
    name: 'gen_ai_client_token_usage',
    help: 'Tokens used per model call, by token type (input, output).',
    labelNames: [...genAiLabels, 'gen_ai_token_type'],
    buckets: tokenBuckets,
    registers,
  });
  const duration = new Histogram({
    name: 'gen_ai_client_operation_duration_seconds',
    help: 'Duration of each call through the gateway, in seconds.',
    labelNames: [...genAiLabels, 'error_type'],
    buckets: durationBuckets,
    registers,
  });
  const ttft = new Histogram({
    name: 'gen_ai_server_time_to_first_token_seconds',
    help: 'Time to the first streamed chunk, in seconds.',
    labelNames: genAiLabels,
    buckets: ttftBuckets,
    registers,
  });
  const requests = new Counter({
    name: 'strata_requests_total',
    help: 'Calls by HTTP status, requested model, provider, route and key.',
    labelNames: ['status', 'model', 'provider', 'route', 'key'],
    registers,
  });
  const cost = new Counter({
    name: 'strata_cost_usd_total',
    help: 'What calls cost, in USD, by served model, provider, key and team.',
    labelNames: ['model', 'provider', 'key', 'team'],
    registers,
  });
  const cacheHits = new Counter({
    name: 'strata_cache_hits_total',
    help: 'Calls answered from the response cache.',
    labelNames: ['model'],
    registers,
  });
  const cacheSaved = new Counter({
    name: 'strata_cache_saved_usd_total',
    help: 'What cache hits saved, in USD.',
    labelNames: ['model'],
    registers,
  });
  const refusals = new Counter({
    name: 'strata_refusals_total',
    help: 'Calls refused by governance: rate limits (rate_limited) and budgets (budget_exceeded).',
    labelNames: ['reason', 'key'],
    registers,
  });
  const attempts = new Counter({
    name: 'strata_attempts_total',
    help: 'Provider attempts by purpose (primary, retry, fallback, hedge, escalation, verifier, judge) and outcome.',
    labelNames: ['purpose', 'provider', 'model', 'outcome'],
    registers,
  });
  if (sources.budgets) {
    const read = sources.budgets;
    new Gauge({
      name: 'strata_budget_utilisation_ratio',
      help: "Each budget's spend and holds in its current window over its limit.",
      labelNames: ['budget', 'scope'],
      registers,
      async collect() {
        this.reset();
        for (const budget of await read())
          this.set(
            { budget: budget.id, scope: budget.scope },
            budget.limitUsd > 0 ? budget.usedUsd / budget.limitUsd : 0,
          );
      },
    });
  }
  if (sources.breakers) {
    const read = sources.breakers;
    new Gauge({
      name: 'strata_breaker_state',
      help: 'Circuit breaker state per route target: 0 closed, 0.5 half-open, 1 open.',
      labelNames: ['target'],
      registers,
      async collect() {
        const breakers = await read();
        this.reset();
        for (const breaker of breakers) this.set({ target: breaker.target }, breaker.state);
      },
    });
  }
  collectDefaultMetrics({ register: registry });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    observe(report) {
      const provider =
        report.provider === null ? '' : genAiProviderName(report.providerKind, report.provider);
      const served = report.servedModel ?? '';
      const genAi = `${report.operation}\u0000${provider}\u0000${report.requestedModel}\u0000${served}`;
      const labels = () => ({
        gen_ai_operation_name: report.operation,
        gen_ai_provider_name: provider,
        gen_ai_request_model: report.requestedModel,
        gen_ai_response_model: served,
      });
      const errorType = report.errorCode ?? '';
      const seconds = (report.endedAt - report.startedAt) / 1000;
      observeIn(
        duration,
        `${genAi}\u0000${errorType}`,
        () => ({ ...labels(), error_type: errorType }),
        seconds,
      );
      if (report.usage && !report.cacheHit) {
        const usage = report.usage;
        const input = usage.inputTokens + usage.cachedInputTokens + usage.cacheWriteTokens;
        observeIn(
          tokenUsage,
          `${genAi}\u0000input`,
          () => ({ ...labels(), gen_ai_token_type: 'input' }),
          input,
        );
        observeIn(
          tokenUsage,
          `${genAi}\u0000output`,
          () => ({ ...labels(), gen_ai_token_type: 'output' }),
          usage.outputTokens,
        );
      }
      if (report.ttftMs !== undefined) observeIn(ttft, genAi, labels, report.ttftMs / 1000);
      const key = report.who.keyName ?? report.who.keyId;
      const route = report.route?.name ?? '';
      const status = String(report.status);
      const providerName = report.provider ?? '';
      increment(
        requests,
        `${status}\u0000${report.requestedModel}\u0000${providerName}\u0000${route}\u0000${key}`,
        () => ({
          status,
          model: report.requestedModel,
          provider: providerName,
          route,
          key,
        }),
      );
      const team = report.who.team ?? '';
      if (report.costUsd !== null && report.costUsd > 0)
        increment(
          cost,
          `${served}\u0000${providerName}\u0000${key}\u0000${team}`,
          () => ({ model: served, provider: providerName, key, team }),
          report.costUsd,
        );
      if (report.cacheHit) {
        cacheHits.inc({ model: report.requestedModel });
        if (report.cacheHit.savedUsd)
          cacheSaved.inc({ model: report.requestedModel }, report.cacheHit.savedUsd);
      }
      if (report.errorCode === 'rate_limited' || report.errorCode === 'budget_exceeded')
        refusals.inc({ reason: report.errorCode, key });
      for (const attempt of report.attempts) {
        const outcome = attempt.status < 400 ? 'ok' : (attempt.errorCode ?? 'error');
        increment(
          attempts,
          `${attempt.purpose}\u0000${attempt.provider}\u0000${attempt.model}\u0000${outcome}`,
          () => ({
            purpose: attempt.purpose,
            provider: attempt.provider,
            model: attempt.model,
            outcome,
          }),
        );
      }
    },
  };
}
