import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import type { Catalog } from '../models/catalog/catalog.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { Store } from '../store/database.js';
import { createExperimentsRepository } from '../store/experiments-repository.js';
import { createOutcomesRepository } from '../store/outcomes-repository.js';
import { createValueQueries } from '../store/value-queries.js';
import type { Price } from '../tokens/price.js';
import { createExperimentsService, type ExperimentsService } from '../value/experiments.js';
import { createOutcomesService, type OutcomesService } from '../value/outcomes-service.js';
import { type Simulation, type SimulationInput, simulate, tokensOfTraffic } from '../value/simulate.js';
import { createValueService, type ValueService } from '../value/value-service.js';
import { windowOf } from '../value/window.js';
import type { ChatCall, ChatOutcome, Stage } from './call.js';
import { named } from './call.js';
import { experimentChat } from './stages/experiment.js';

/** The value layer's services, and its stage while an experiment runs. */
export interface Value {
  readonly outcomes: OutcomesService;
  readonly experiments: ExperimentsService;
  readonly reports: ValueService;
  /** A business case from inputs, or from the tokens of a period of real traffic. */
  simulate(input: SimulationInput): Promise<Simulation>;
  /** The webhook's HMAC secret; undefined when the webhook is off. */
  readonly webhookSecret: string | undefined;
  /** The chat stages the layer adds: the experiment assignment while one runs, else none. */
  stages(): Array<Stage<ChatCall, ChatOutcome>>;
  close(): void;
}

/** The model a cascade route's top tier calls, when that tier is a plain model. */
function topTiers(config: Config): Map<string, string> {
  const tops = new Map<string, string>();
  for (const [name, route] of Object.entries(config.routes)) {
    const top = route.cascade?.at(-1)?.use.model;
    if (top !== undefined) tops.set(name, top);
  }
  return tops;
}

/** Builds the value layer: outcomes, experiments and the reports over the ledger. */
export async function createValue(deps: {
  config: Config;
  store: Store;
  catalog: Catalog;
  models: ModelRegistry;
  onError?: ((error: unknown) => void) | undefined;
}): Promise<Value> {
  const { config, store } = deps;
  const experiments = await createExperimentsService({
    repository: createExperimentsRepository(store.db),
    configured: config.value.experiments,
    syncIntervalMs: config.value.sync_interval_seconds * 1000,
    ...(deps.onError && { onError: deps.onError }),
  });
  const outcomesRepository = createOutcomesRepository(store.db);
  const tops = topTiers(config);
  // A configured name first; else `provider/model` read from the catalog, so a business case may price
  // models no provider is configured for yet.
  const priceOf = (model: string): Price | undefined => {
    const resolved = deps.models.resolve(model);
    const configured = resolved && deps.catalog.find(resolved.provider, resolved.upstreamModel)?.price;
    if (configured) return configured;
    const slash = model.indexOf('/');
    return slash > 0 ? deps.catalog.find(model.slice(0, slash), model.slice(slash + 1))?.price : undefined;
  };
  const assign = named(
    'experiment',
    experimentChat(() => experiments.running()),
  );
  const reports = createValueService({
    queries: createValueQueries(store.db),
    outcomes: outcomesRepository,
    experiments,
    savings: { priceOf, topTierOf: (route) => tops.get(route), baselineModel: config.value.baseline_model },
  });
  return {
    outcomes: createOutcomesService(outcomesRepository),
    experiments,
    reports,
    async simulate(input) {
      if (input.tokens) return simulate(input, { ...input.tokens, source: 'as given' }, priceOf);
      const period = input.ledger_period ?? '30d';
      const traffic = tokensOfTraffic((await reports.join(windowOf({ period }))).requests);
      if (traffic.count === 0)
        throw new StrataError(
          'invalid_request',
          `No traffic in the last ${period} to take a token profile from; give \`tokens\` instead.`,
          { param: 'tokens' },
        );
      return simulate(
        input,
        {
          input: traffic.input,
          output: traffic.output,
          source: `average of ${traffic.count} requests over the last ${period}`,
        },
        priceOf,
      );
    },
    webhookSecret: config.value.webhook_secret,
    // No experiment running, no stage: the call pays nothing for the feature.
    stages: () => (experiments.running().size > 0 ? [assign] : []),
    close: () => experiments.close(),
  };
}
