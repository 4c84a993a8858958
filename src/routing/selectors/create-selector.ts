import type { BalanceConfig, BalanceStrategy } from '../../config/routes.js';
import { StrataError } from '../../core/errors.js';
import { learnedSelector } from './learned.js';
import { leastCostSelector } from './least-cost.js';
import { leastLatencySelector } from './least-latency.js';
import { powerOfTwoSelector } from './power-of-two.js';
import type { Selector, SelectorDeps, SelectorFactory } from './selector.js';
import { weightedSelector } from './weighted.js';

/**
 * The strategies this build knows. A strategy is one file exporting a factory; adding one is adding its
 * line here (the learned router plugs in as `learned`).
 */
const factories: Partial<Record<BalanceStrategy, SelectorFactory>> = {
  weighted: weightedSelector,
  least_latency: leastLatencySelector,
  least_cost: leastCostSelector,
  power_of_two: powerOfTwoSelector,
  learned: learnedSelector,
};

/** True when this build can order targets with the strategy. */
export function hasSelector(strategy: BalanceStrategy): boolean {
  return factories[strategy] !== undefined;
}

/** Builds the selector a `balance` config names, or fails with `config_invalid`. */
export async function createSelector(config: BalanceConfig, deps: SelectorDeps): Promise<Selector> {
  const factory = factories[config.strategy];
  if (!factory) {
    throw new StrataError(
      'config_invalid',
      `the load-balancing strategy \`${config.strategy}\` is not available in this build`,
    );
  }
  return factory(config, deps);
}
