import { type Kysely, sql } from 'kysely';
import { Agent, type Dispatcher } from 'undici';
import { catalogOverrides } from '../config/catalog-overrides.js';
import type { Environment } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { VerifierConfig } from '../config/verifiers.js';
import type { AlertEvent, AlertSink } from '../core/alert-sink.js';
import { newRequestId } from '../core/ids.js';
import { createOutboundGuard } from '../core/outbound-guard.js';
import type { Principal } from '../core/types.js';
import { createKeyService, type KeyService } from '../governance/keys.js';
import { openRevocationFeed } from '../governance/open-revocation-feed.js';
import { createExtractiveProvider, extractiveCatalogOverride } from '../knowledge/extractive-provider.js';
import { createKnowledgeService, type KnowledgeService } from '../knowledge/knowledge-service.js';
import { createRequestGroundedness } from '../knowledge/request-groundedness.js';
import { retrievalIndexFactory } from '../knowledge/retrieval-index-factory.js';
import { type Catalog, createCatalog, providerKinds } from '../models/catalog/catalog.js';
import { createModelRegistry, type ModelRegistry } from '../models/model-registry.js';
import type { Provider } from '../models/provider.js';
import type { Alerting } from '../observability/alerts/alerting.js';
import type { LineLog } from '../observability/call-log.js';
import type { Metrics } from '../observability/metrics.js';
import { spansOf } from '../observability/spans-of.js';
import { unpackReport } from '../observability/stored-report.js';
import { createResponseCache } from '../routing/cache/response-cache.js';
import { createRouter, type Router } from '../routing/router.js';
import { createVerifier } from '../routing/verifiers/create-verifier.js';
import type { Verifier } from '../routing/verifiers/verifier.js';
import { createBudgetLeases } from '../store/budget-leases.js';
import { createBudgetsRepository } from '../store/budgets-repository.js';
import { openDatabase } from '../store/database.js';
import { createKnowledgeRepository } from '../store/knowledge-repository.js';
import { createLedgerWriter } from '../store/ledger.js';
import { createLedgerQueries, type LedgerQueries } from '../store/ledger-queries.js';
import { createRequestLogReader, createRequestLogWriter, type RequestLogRow } from '../store/request-log.js';
import { createRequestQueries, type RequestQueries } from '../store/request-queries.js';
import { createRoutersRepository } from '../store/routers-repository.js';
import { journalsOf } from '../store/row-journals.js';
import type { Schema } from '../store/schema.js';
import { createTraceReader, type TraceReader } from '../store/traces.js';
import { type BudgetService, createBudgetService, describeBudget } from '../tokens/budgets/budget-service.js';
import type { BudgetAlert } from '../tokens/budgets/lease-book.js';
import { createRateLimiter } from '../tokens/rate-limit/create-limiter.js';
import type {
  ChatCall,
  ChatExtension,
  ChatOutcome,
  EmbeddingCall,
  EmbeddingOutcome,
  StageTiming,
} from './call.js';
import { compose, named } from './call.js';
import { type Access, createAccess } from './create-access.js';
import { createEvaluation, type EvaluationStores } from './create-evaluation.js';
import { createGuardrails } from './create-guardrails.js';
import { createObservability } from './create-observability.js';
import { createInFlight } from './in-flight.js';
import { createPricer } from './pricing.js';
import { buildProviders } from './providers.js';
import { budgetChat } from './stages/budget.js';
import { budgetEmbedding } from './stages/budget-embedding.js';
import { cacheChat } from './stages/cache.js';
import { guardContext } from './stages/context-guard.js';
import { keyScopeStage } from './stages/key-scope.js';
import { knowledgeChat } from './stages/knowledge.js';
import { knownModelChat } from './stages/known-model.js';
import { capOutput } from './stages/output-cap.js';
import { rateLimitChat } from './stages/rate-limit.js';
import { rateLimitEmbedding } from './stages/rate-limit-embedding.js';
import { recordChat, recordEmbedding } from './stages/record.js';
import { attemptChat, attemptEmbedding, routeChat } from './stages/route.js';

/** The composed system every caller uses: HTTP, CLI, workflows, agents and evals alike. */
export interface Stack {
  readonly config: Config;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly models: ModelRegistry;
  /** Prices, limits and capabilities of known models. */
  readonly catalog: Catalog;
  readonly keys: KeyService;
  /** Organisations, teams, users and service accounts. */
  readonly access: Access;
  /** Spending budgets from config and the admin API. */
  readonly budgets: BudgetService;
  readonly requestLog: ReturnType<typeof createRequestLogReader>;
  /** Spend reports over the ledger (one row per provider attempt). */
  readonly ledger: LedgerQueries;
  /** Knowledge bases: documents, ingestion and search. */
  readonly knowledge: KnowledgeService;
  /** The compiled `routes:`; undefined when config names none. */
  readonly router: Router | undefined;
  /** Stored traces: one per call, with its spans. */
  readonly traces: TraceReader;
  /** Prometheus metrics; undefined when `observability.metrics` is off. */
  readonly metrics: Metrics | undefined;
  /** Filtered pages and time series over the request log. */
  readonly requests: RequestQueries;
  /** Structured JSON lines; undefined when `observability.logs` is off. */
  readonly log: LineLog | undefined;
  /** Alert rules, events raised by layers (`raise`), webhook delivery and the alert history. */
  readonly alerts: Alerting;
  /** Datasets, prompts, scores and experiment results, for the evaluation layer's services. */
  readonly evaluation: EvaluationStores;
  /** The store's query builder, for the repositories of layers built on top of the stack. */
  readonly db: Kysely<Schema>;
  /** Adds a higher layer's chat stages (such as an A/B assignment); the pipeline is recomposed on its changes. */
  extendChat(extension: ChatExtension): void;
  chat(call: ChatCall): Promise<ChatOutcome>;
  embed(call: EmbeddingCall): Promise<EmbeddingOutcome>;
  /** Logs a request the edge rejected before it reached the pipeline (auth, parse, validation). */
  recordRejected(row: RequestLogRow): void;
  /** True when the store answers. */
  ping(): Promise<boolean>;
  /** Writes every queued request-log and ledger row now. */
  flush(): Promise<void>;
  /**
   * Waits up to `drainMs` (default 5 s) for running calls (cut ones settle and are recorded as 499),
   * gives budget leases back, flushes the request log and the ledger, and closes the store.
   */
  close(drainMs?: number): Promise<void>;
}

/** I/O the stack takes by injection. */
export interface StackDeps {
  dispatcher?: Dispatcher;
  onLogError?: (error: unknown) => void;
  /** Where JSON log lines go; without it (CLI commands, benches) nothing is logged. `serve` passes stdout. */
  writeLog?: (text: string) => void;
  /** Builds cascade verifiers from config; the built-in kinds by default. */
  createVerifier?: (config: VerifierConfig) => Verifier;
}

/** Builds the stack from a validated config: store, providers, models, keys and the pipeline stages. */
export async function createStack(
  config: Config,
  environment: Environment,
  deps: StackDeps = {},
): Promise<Stack> {
  const store = await openDatabase({
    home: config.store.home,
    ...(config.store.database_url && { url: config.store.database_url }),
  });
  // One connection pool per stack, from the undici this package pins, rather than the global one.
  const dispatcher = deps.dispatcher ?? new Agent({ keepAliveTimeout: 30_000 });
  const providers = buildProviders(config, environment, dispatcher);
  const knowledge = createKnowledgeService({
    repository: createKnowledgeRepository(store.db),
    indexes: retrievalIndexFactory(),
  });
  const aliases = withExtractive(providers, knowledge, config);
  const models = createModelRegistry({ providers, models: config.models, aliases });
  const journals = config.request_log.write_ahead
    ? await journalsOf(store, { home: config.store.home, databaseUrl: config.store.database_url })
    : undefined;
  const writer = createRequestLogWriter(store, {
    journal: journals?.requestLog,
    batchSize: config.request_log.batch_size,
    flushIntervalMs: config.request_log.flush_interval_ms,
    ...(deps.onLogError && { onError: deps.onLogError }),
  });
  // The ledger shares the request log's batching settings: both are written once per call.
  const ledgerWriter = createLedgerWriter(store, {
    journal: journals?.ledger,
    batchSize: config.request_log.batch_size,
    flushIntervalMs: config.request_log.flush_interval_ms,
    ...(deps.onLogError && { onError: deps.onLogError }),
  });
  const timeoutMs = config.limits.request_timeout_ms;
  const catalog = createCatalog(
    [extractiveCatalogOverride, ...catalogOverrides(config)],
    providerKinds(providers.values()),
  );
  const price = createPricer(catalog);
  // No rules, no limiter and no stage: an unlimited gateway pays nothing for the feature.
  const rateLimits = config.limits.rate_limits;
  const limiter = rateLimits.length > 0 ? await createRateLimiter(environment.redisUrl) : undefined;
  // Budgets may also be added later through the admin API, so the stage is always there; with none
  // stored it costs one filter of a cached, empty list.
  // A budget's alert goes to alerting, which is built further down; it cannot fire before a call.
  let alertSink: AlertSink | undefined;
  const budgets = createBudgetService({
    repository: createBudgetsRepository(store.db),
    leases: createBudgetLeases(store.db),
    configured: config.budgets,
    leaseTtlMs: config.budget_leases.ttl_ms,
    syncIntervalMs: config.budget_leases.sync_interval_ms,
    onAlert: (alert) => alertSink?.raise(budgetAlertEvent(alert)),
  });
  const inFlight = createInFlight();
  await budgets.sync();
  const revocations = await openRevocationFeed(
    environment.redisUrl,
    { url: config.store.database_url, home: config.store.home },
    deps.onLogError ?? console.error,
  );
  // Erasure reaches the knowledge base, the cache and the writers built below; it runs only on request.
  const access = await createAccess({
    db: store.db,
    sso: config.sso,
    revokeKey: (id) => keys.revoke(id),
    deleteDocument: (kb, id) => knowledge.deleteDocument(kb, id),
    clearCache: async () => (await cache?.clear()) ?? 0,
    flush: async () =>
      void (await Promise.all([writer.flush(), ledgerWriter.flush(), observability.flush()])),
  });
  const keys = createKeyService(store.db, config.keys, {
    allowRequestTeam: config.limits.attribution.allow_request_team,
    revocations,
    membershipOf: access.directory.membershipOf,
  });
  // Listening starts before the first request, so no revocation published after start is missed. A feed
  // that cannot listen leaves revocations to the key cache's expiry rather than stopping the gateway.
  await revocations?.subscribe((id) => keys.forget(id)).catch(deps.onLogError ?? console.error);
  const budgetUses = async () =>
    Promise.all(
      (await budgets.list()).map(async (budget) => {
        const window = await budgets.currentWindow(budget);
        return {
          id: budget.id,
          scope: budget.scope,
          limitUsd: budget.limitMicroUsd / 1e6,
          usedUsd: (window.spentMicroUsd + window.reservedMicroUsd) / 1e6,
        };
      }),
    );
  const requests = createRequestQueries(store.db);
  // Webhooks and other user-supplied URLs go through one guard, never the providers' pool.
  const outbound = createOutboundGuard({ allow: config.outbound.allow });
  // The router is built further down; breakers and route captures read it when a scrape or a call comes.
  const observability = await createObservability({
    config,
    environment,
    store,
    requests,
    budgetUses,
    breakers:
      Object.keys(config.routes).length > 0 ? async () => (await router?.breakerStates()) ?? [] : undefined,
    routeCaptures: (name) => router?.routes.get(name)?.options.capture_content === true,
    dispatcher: outbound.dispatcher,
    writeLog: deps.writeLog,
    onError: deps.onLogError,
  });
  const { traced, observe, metrics, log, alerts } = observability;
  alertSink = alerts;
  const guardrails = createGuardrails(config.guardrails);
  // Embeddings spend money like chat calls, so they pass the same rate limits and budgets, and their
  // texts the same input guardrails.
  const embed = traceable(
    traced,
    compose(
      [
        recordEmbedding(writer, price, ledgerWriter, observe),
        keyScopeStage<EmbeddingCall, EmbeddingOutcome>(),
        ...(limiter ? [named('rate-limit', rateLimitEmbedding(limiter, rateLimits))] : []),
        ...(guardrails.embeddingStage ? [guardrails.embeddingStage] : []),
        named('budget', budgetEmbedding({ budgets, models, catalog, price })),
      ],
      attemptEmbedding(models, timeoutMs),
      'attempt',
    ),
  );
  // No routes, no router: a plain model name goes straight to its one attempt.
  const router: Router | undefined =
    Object.keys(config.routes).length === 0
      ? undefined
      : await createRouter(config.routes, {
          registry: models,
          catalog,
          defaultTimeoutMs: timeoutMs,
          redisUrl: environment.redisUrl,
          createVerifier: deps.createVerifier ?? ((verifier) => createVerifier(verifier)),
          // A trained selector (`learned`) loads its stored router by name.
          load: (name) => createRoutersRepository(store.db).get(name),
          // A router trained on embeddings embeds each prompt: an embeddings call of the caller's own.
          embed: (model, texts, principal) => embedTexts(embed, { model, texts, principal, timeoutMs }),
          // `grounded` verifiers check answers against the default knowledge base.
          grounded: createRequestGroundedness({
            retrieve: retrieverOf(knowledge, config.knowledge.default_kb),
            topK: config.knowledge.top_k,
          }),
        });
  const evaluation = createEvaluation({ db: store.db });
  const cache = config.cache.enabled
    ? await createResponseCache(environment.redisUrl, config.cache.max_entries)
    : undefined;
  const extensions: ChatExtension[] = [];
  // Rebuilt when an extension changes (an experiment starts or stops), so an idle one adds no stage.
  const chatPipeline = () =>
    traceable(
      traced,
      compose(
        [
          recordChat(writer, price, ledgerWriter, observe),
          evaluation.stage,
          ...extensions.flatMap((extension) => extension.stages()),
          knownModelChat(models, router),
          keyScopeStage<ChatCall, ChatOutcome>(),
          named(
            'knowledge',
            knowledgeChat(knowledge, models, {
              topK: config.knowledge.top_k,
              defaultKb: config.knowledge.default_kb,
            }),
          ),
          ...(limiter ? [named('rate-limit', rateLimitChat(limiter, rateLimits))] : []),
          named('context-guard', guardContext({ models, catalog, settings: config.limits.context_window })),
          ...(guardrails.stage ? [guardrails.stage] : []),
          named('budget', budgetChat({ budgets, models, catalog, price, router })),
          ...(cache
            ? [named('cache', cacheChat({ cache, ttlMs: config.cache.ttl_seconds * 1000, models, price }))]
            : []),
          capOutput(models),
        ],
        routeChat(router, attemptChat(models, timeoutMs, catalog)),
        'attempt',
      ),
    );
  let chat = chatPipeline();

  return {
    config,
    providers,
    models,
    catalog,
    keys,
    access,
    budgets,
    requestLog: createRequestLogReader(store.db),
    ledger: createLedgerQueries(store.db, store.dialect),
    knowledge,
    router,
    traces: createTraceReader(store.db, (report, ids) => spansOf(unpackReport(report, ids))),
    requests,
    log,
    alerts,
    metrics,
    evaluation: evaluation.stores,
    db: store.db,
    extendChat(extension) {
      extensions.push(extension);
      extension.onChange(() => {
        chat = chatPipeline();
      });
      chat = chatPipeline();
    },
    chat: inFlight.chat((call) => chat(call)),
    embed: inFlight.other(embed),
    recordRejected: (row) => writer.record(row),
    async ping() {
      try {
        await sql`select 1`.execute(store.db);
        return true;
      } catch {
        return false;
      }
    },
    async flush() {
      await Promise.all([writer.flush(), ledgerWriter.flush(), observability.flush()]);
    },
    async close(drainMs = 5000) {
      await inFlight.drained(drainMs);
      // Streams settle their budgets and rows in callbacks of the summary the counter also waits on.
      await new Promise((resolve) => setImmediate(resolve));
      await budgets.close().catch(deps.onLogError ?? console.error);
      for (const extension of extensions) extension.close();
      await observability.stopJobs();
      await outbound.close();
      // Every writer tries to flush even if one fails; the first failure is reported after the store closes.
      const flushed = await Promise.allSettled([writer.close(), ledgerWriter.close(), observability.close()]);
      await limiter?.close();
      await revocations?.close();
      // A snapshot that cannot be written now is rebuilt at the next start; it must not block closing.
      await knowledge.close().catch(() => {});
      await cache?.close();
      await router?.close();
      await store.close();
      if (!deps.dispatcher) await dispatcher.close();
      for (const result of flushed) if (result.status === 'rejected') throw result.reason;
    },
  };
}

/** A budget window that went over its limit, as an alert event: an overrun of a hard budget is critical. */
function budgetAlertEvent(alert: BudgetAlert): AlertEvent {
  const hard = alert.budget.mode === 'hard';
  return {
    kind: hard ? 'budget_hard_overrun' : 'budget_soft_crossed',
    subject: alert.budget.id,
    severity: hard ? 'critical' : 'warning',
    message: `Budget ${describeBudget(alert.budget)} is over its limit: $${(alert.spentMicroUsd / 1e6).toFixed(6)} spent.`,
    value: alert.spentMicroUsd / 1e6,
    threshold: alert.budget.limitMicroUsd / 1e6,
  };
}

/** A traced pipeline: each call carries its stage timings, from which its spans are built. */
function traceable<C extends { timings?: StageTiming[] }, O>(on: boolean, run: (call: C) => Promise<O>) {
  if (!on) return run;
  return (call: C) => {
    call.timings ??= [];
    return run(call);
  };
}

/** Passages for a query from one knowledge base. */
function retrieverOf(knowledge: KnowledgeService, kb: string) {
  return async (query: string, count: number) =>
    (await knowledge.search(kb, query, { topK: count })).map((hit) => ({
      id: hit.id,
      text: hit.text,
      ...(hit.title && { title: hit.title }),
      headings: hit.headingPath,
    }));
}

/**
 * Registers the built-in `local/extractive` model (unless a provider is already named `local`), which
 * answers from the default knowledge base; with no other provider configured, the alias `default`
 * names it. Returns the aliases to use.
 */
function withExtractive(
  providers: Map<string, Provider>,
  knowledge: KnowledgeService,
  config: Config,
): Record<string, string> {
  if (providers.has('local')) return config.aliases;
  const others = providers.size;
  const { default_kb: kb, top_k: topK } = config.knowledge;
  providers.set(
    'local',
    createExtractiveProvider({
      topK,
      retrieve: retrieverOf(knowledge, kb),
    }),
  );
  return others === 0 && config.aliases.default === undefined
    ? { ...config.aliases, default: 'local/extractive' }
    : config.aliases;
}

/**
 * Embeds texts through the embeddings pipeline (recorded in the request log and ledger like a client's
 * call) and returns the vectors in input order.
 */
export async function embedTexts(
  embed: (call: EmbeddingCall) => Promise<EmbeddingOutcome>,
  input: { model: string; texts: string[]; principal: Principal; timeoutMs: number },
): Promise<number[][]> {
  const outcome = await embed({
    requestId: newRequestId(),
    endpoint: 'strata/embed',
    request: { model: input.model, input: input.texts },
    principal: input.principal,
    signal: AbortSignal.timeout(input.timeoutMs),
    startedAt: performance.now(),
  });
  return [...outcome.response.data]
    .sort((a, b) => a.index - b.index)
    .map((item) => {
      if (!Array.isArray(item.embedding))
        throw new Error('the embedding model answered without float vectors');
      return item.embedding;
    });
}
