import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import { named } from '../pipeline/call.js';
import type { Stack } from '../pipeline/stack.js';
import { createExperimentsRepository } from '../store/experiments-repository.js';
import { createOutcomesRepository } from '../store/outcomes-repository.js';
import { createValueQueries } from '../store/value-queries.js';
import type { Price } from '../tokens/price.js';
import { experimentChat } from './experiment-stage.js';
import { createExperimentsService, type ExperimentsService } from './experiments.js';
import { createOutcomesService, type OutcomesService } from './outcomes-service.js';
import { type Simulation, type SimulationInput, simulate, tokensOfTraffic } from './simulate.js';
import { createValueService, type ValueService } from './value-service.js';
import { windowOf } from './window.js';

/** The value layer's services, built on a stack. */
export interface Value {
  readonly outcomes: OutcomesService;
  readonly experiments: ExperimentsService;
  readonly reports: ValueService;
  /** A business case from inputs, or from the tokens of a period of real traffic. */
  simulate(input: SimulationInput): Promise<Simulation>;
  /** The webhook's HMAC secret; undefined when the webhook is off. */
  readonly webhookSecret: string | undefined;
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

/**
 * Builds the value layer on a stack: outcomes, experiments (whose assignment stage joins the stack's chat
 * pipeline only while one runs) and the reports over the ledger.
 */
export async function createValue(stack: Stack, onError?: (error: unknown) => void): Promise<Value> {
  const { config, db } = stack;
  const experiments = await createExperimentsService({
    repository: createExperimentsRepository(db),
    configured: config.value.experiments,
    syncIntervalMs: config.value.sync_interval_seconds * 1000,
    ...(onError && { onError }),
  });
  const assign = named(
    'experiment',
    experimentChat(() => experiments.running()),
  );
  stack.extendChat({
    // No experiment running, no stage: a call pays nothing for the feature.
    stages: () => (experiments.running().size > 0 ? [assign] : []),
    onChange: (listener) => experiments.onChange(listener),
    close: () => experiments.close(),
  });
  const outcomesRepository = createOutcomesRepository(db);
  const tops = topTiers(config);
  // A configured name first; else `provider/model` read from the catalog, so a business case may price
  // models no provider is configured for yet.
  const priceOf = (model: string): Price | undefined => {
    const resolved = stack.models.resolve(model);
    const configured = resolved && stack.catalog.find(resolved.provider, resolved.upstreamModel)?.price;
    if (configured) return configured;
    const slash = model.indexOf('/');
    return slash > 0 ? stack.catalog.find(model.slice(0, slash), model.slice(slash + 1))?.price : undefined;
  };
  const reports = createValueService({
    queries: createValueQueries(db),
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
      if (input.candidates.every((candidate) => candidate.cost_per_request_usd !== undefined))
        return simulate(input, { input: 0, output: 0, source: 'not used: every cost was measured' }, priceOf);
      const period = input.ledger_period ?? '30d';
      const traffic = tokensOfTraffic((await reports.join(windowOf({ period }))).requests);
      if (traffic.count === 0)
        throw new StrataError(
          'invalid_request',
          `No traffic in the last ${period} to take a token profile from; give \`tokens\` instead.`,
          { param: 'tokens' },
        );
      const source = `average of ${traffic.count} requests over the last ${period}`;
      return simulate(input, { input: traffic.input, output: traffic.output, source }, priceOf);
    },
    webhookSecret: config.value.webhook_secret,
  };
}

const built = new WeakMap<Stack, Promise<Value>>();

/** The value layer of a stack, built once on first use (the edge at start, or a CLI command). */
export function valueLayerOf(stack: Stack): Promise<Value> {
  let value = built.get(stack);
  if (!value) {
    value = createValue(stack);
    built.set(stack, value);
  }
  return value;
}
