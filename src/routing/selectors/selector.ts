import type { BalanceConfig } from '../../config/routes.js';
import type { ChatRequest, Principal } from '../../core/types.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelStats } from '../model-stats.js';

/** One target of a load-balanced set, as a selector sees it. */
export interface Candidate {
  /** Position in the config's `targets` list. */
  readonly index: number;
  /** The model or route name the target names, or `#<index>` for an inline plan. */
  readonly name: string;
  /** Its `weight` (default 1). */
  readonly weight: number;
  /** The `provider/model` key of the model it tries first, for latency and load lookups. */
  readonly key: string | undefined;
}

/** What a selector may consult when it orders candidates for one call. */
export interface SelectionContext {
  request: ChatRequest;
  principal: Principal;
  /** Uniform in [0, 1); seeded when the route sets `seed`. */
  random(): number;
  /** Latency and load observed per `provider/model` key. */
  stats: ModelStats;
  /** The estimated USD this request costs on a candidate's first model; undefined when unpriced. */
  estimateUsd(candidate: Candidate): number | undefined;
  /** Records why the selector chose as it did, for `x-strata-route` and the request log. */
  explain?(reason: string): void;
}

/**
 * Orders the candidates of a load-balanced set for one call: the first is tried first, the rest are its
 * fallbacks, in order. Returns the same candidates (a selector may drop none).
 */
export interface Selector {
  /** The strategy name from config, e.g. `least_latency`. */
  readonly strategy: string;
  order(
    candidates: readonly Candidate[],
    context: SelectionContext,
  ): readonly Candidate[] | Promise<readonly Candidate[]>;
}

/** What building a selector may use: the catalog and, for trained strategies, whatever they load. */
export interface SelectorDeps {
  catalog: Catalog;
  /** Where a trained strategy (e.g. `learned`) finds its stored model; absent in plain unit tests. */
  load?: ((name: string) => Promise<unknown>) | undefined;
  /**
   * Embeds texts with an embedding model, as a call of the principal's own (recorded and paid like any
   * embeddings request); a router trained on embeddings needs it to route.
   */
  embed?: ((model: string, texts: string[], principal: Principal) => Promise<number[][]>) | undefined;
}

/** Builds a selector from a route's `balance` config. */
export type SelectorFactory = (config: BalanceConfig, deps: SelectorDeps) => Selector | Promise<Selector>;
