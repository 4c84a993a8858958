/** How a provider is doing, from its recent calls and its routes' circuit breakers. */
export type ProviderStatus = 'idle' | 'healthy' | 'degraded' | 'failing';

/** What a provider's health is judged from. */
export interface ProviderSignals {
  /** Calls it served (or failed) in the window. */
  requests: number;
  /** Of those, calls that ended with a 5xx status. */
  serverErrors: number;
  /** Its models' breakers that are not closed. */
  breakers: ReadonlyArray<{ state: 'open' | 'half_open' | 'closed' }>;
}

/** Share of failed calls past which a provider is degraded, and past which it is failing. */
const degradedAt = 0.05;
const failingAt = 0.5;

/**
 * A provider's status: failing when most recent calls failed, degraded when some did or a breaker of one
 * of its models is open, idle without calls, healthy otherwise. Client errors (4xx) say nothing of the
 * provider, so only server errors count.
 */
export function providerStatus(signals: ProviderSignals): ProviderStatus {
  const rate = signals.requests === 0 ? 0 : signals.serverErrors / signals.requests;
  if (rate >= failingAt) return 'failing';
  if (rate >= degradedAt || signals.breakers.some((breaker) => breaker.state !== 'closed')) return 'degraded';
  return signals.requests === 0 ? 'idle' : 'healthy';
}
