import type { Selector } from './selector.js';

/**
 * Fastest first by the moving average of observed latency. A candidate never measured goes first, so
 * every target gets measured; ties keep config order.
 */
export function leastLatencySelector(): Selector {
  return {
    strategy: 'least_latency',
    order(candidates, context) {
      const latency = (key: string | undefined) =>
        key === undefined ? 0 : (context.stats.latency(key) ?? 0);
      return [...candidates].sort((a, b) => latency(a.key) - latency(b.key));
    },
  };
}
