import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { CallReport } from '../core/call-report.js';
import { genAiProviderName } from './gen-ai-attributes.js';
import { Family, type Series } from './series.js';

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

/** The series one kind of call updates; token, time-to-first-token and cost series are made on first use. */
interface CallSeries {
  genAi: string;
  labels: Record<string, string>;
  duration: Series;
  requests: Series;
  cost?: Series;
  tokens?: { input: Series; output: Series };
  ttft?: Series;
}

/** How often the process metrics sample the event loop's delay, in milliseconds. */
const eventLoopSampleMs = 100;

/** Most kinds of call remembered before the memo starts over. */
const maxShapes = 10_000;

/** Builds the metrics on a registry of their own (so several stacks in one process never share one). */
export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const tokenUsage = new Family(
    'gen_ai_client_token_usage',
    'Tokens used per model call, by token type (input, output).',
    'histogram',
    tokenBuckets,
  ).in(registry);
  const duration = new Family(
    'gen_ai_client_operation_duration_seconds',
    'Duration of each call through the gateway, in seconds.',
    'histogram',
    durationBuckets,
  ).in(registry);
  const ttft = new Family(
    'gen_ai_server_time_to_first_token_seconds',
    'Time to the first streamed chunk, in seconds.',
    'histogram',
    ttftBuckets,
  ).in(registry);
  const requests = new Family(
    'strata_requests_total',
    'Calls by HTTP status, requested model, provider, route and key.',
    'counter',
  ).in(registry);
  const cost = new Family(
    'strata_cost_usd_total',
    'What calls cost, in USD, by served model, provider, key and team.',
    'counter',
  ).in(registry);
  const cacheHits = new Family(
    'strata_cache_hits_total',
    'Calls answered from the response cache.',
    'counter',
  ).in(registry);
  const cacheSaved = new Family(
    'strata_cache_saved_usd_total',
    'What cache hits saved, in USD.',
    'counter',
  ).in(registry);
  const refusals = new Family(
    'strata_refusals_total',
    'Calls refused by governance: rate limits (rate_limited) and budgets (budget_exceeded).',
    'counter',
  ).in(registry);
  const attempts = new Family(
    'strata_attempts_total',
    'Provider attempts by purpose (primary, retry, fallback, hedge, escalation, verifier, judge) and outcome.',
    'counter',
  ).in(registry);
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
  // The event-loop delay histogram samples on a timer of its own. prom-client's 10 ms wakes an idle
  // gateway 100 times a second; 100 ms still takes about 150 samples per 15-second scrape.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: eventLoopSampleMs });

  // The series a kind of call updates, found with one lookup per call rather than one per family.
  const shapes = new Map<string, CallSeries>();
  function shapeOf(report: CallReport, key: string, route: string, errorType: string): CallSeries {
    const provider = report.provider === null ? '' : genAiProviderName(report.providerKind, report.provider);
    const served = report.servedModel ?? '';
    const genAi = `${report.operation}\u0000${provider}\u0000${report.requestedModel}\u0000${served}`;
    const labels = {
      gen_ai_operation_name: report.operation,
      gen_ai_provider_name: provider,
      gen_ai_request_model: report.requestedModel,
      gen_ai_response_model: served,
    };
    const status = String(report.status);
    const providerName = report.provider ?? '';
    return {
      genAi,
      labels,
      duration: duration.of(`${genAi}\u0000${errorType}`, () => ({ ...labels, error_type: errorType })),
      requests: requests.of(
        `${status}\u0000${report.requestedModel}\u0000${providerName}\u0000${route}\u0000${key}`,
        () => ({ status, model: report.requestedModel, provider: providerName, route, key }),
      ),
    };
  }

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    observe(report) {
      const key = report.who.keyName ?? report.who.keyId;
      const route = report.route?.name ?? '';
      const team = report.who.team ?? '';
      const errorType = report.errorCode ?? '';
      const shapeKey = `${report.status}\u0000${report.operation}\u0000${report.providerKind}\u0000${report.provider}\u0000${report.requestedModel}\u0000${report.servedModel}\u0000${errorType}\u0000${route}\u0000${key}\u0000${team}`;
      let shape = shapes.get(shapeKey);
      if (shape === undefined) {
        // Label sets are bounded by the families' own cardinality; a flood of new ones only costs lookups.
        if (shapes.size >= maxShapes) shapes.clear();
        shape = shapeOf(report, key, route, errorType);
        shapes.set(shapeKey, shape);
      }
      duration.observe(shape.duration, (report.endedAt - report.startedAt) / 1000);
      shape.requests.value += 1;
      if (report.usage && !report.cacheHit) {
        const usage = report.usage;
        shape.tokens ??= {
          input: tokenUsage.of(`${shape.genAi}\u0000input`, () => ({
            ...shape.labels,
            gen_ai_token_type: 'input',
          })),
          output: tokenUsage.of(`${shape.genAi}\u0000output`, () => ({
            ...shape.labels,
            gen_ai_token_type: 'output',
          })),
        };
        tokenUsage.observe(
          shape.tokens.input,
          usage.inputTokens + usage.cachedInputTokens + usage.cacheWriteTokens,
        );
        tokenUsage.observe(shape.tokens.output, usage.outputTokens);
      }
      if (report.ttftMs !== undefined) {
        shape.ttft ??= ttft.of(shape.genAi, () => shape.labels);
        ttft.observe(shape.ttft, report.ttftMs / 1000);
      }
      if (report.costUsd !== null && report.costUsd > 0) {
        const served = report.servedModel ?? '';
        const provider = report.provider ?? '';
        shape.cost ??= cost.of(`${served}\u0000${provider}\u0000${key}\u0000${team}`, () => ({
          model: served,
          provider,
          key,
          team,
        }));
        shape.cost.value += report.costUsd;
      }
      if (report.cacheHit) {
        const model = report.requestedModel;
        cacheHits.of(model, () => ({ model })).value += 1;
        if (report.cacheHit.savedUsd)
          cacheSaved.of(model, () => ({ model })).value += report.cacheHit.savedUsd;
      }
      if (report.errorCode === 'rate_limited' || report.errorCode === 'budget_exceeded') {
        const reason = report.errorCode;
        refusals.of(`${reason}\u0000${key}`, () => ({ reason, key })).value += 1;
      }
      for (const attempt of report.attempts) {
        const outcome = attempt.status < 400 ? 'ok' : (attempt.errorCode ?? 'error');
        attempts.of(
          `${attempt.purpose}\u0000${attempt.provider}\u0000${attempt.model}\u0000${outcome}`,
          () => ({
            purpose: attempt.purpose,
            provider: attempt.provider,
            model: attempt.model,
            outcome,
          }),
        ).value += 1;
      }
    },
  };
}
