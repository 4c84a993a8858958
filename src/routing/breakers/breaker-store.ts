/** A breaker's answer to "may I call this provider/model now?". */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** What a breaker needs to know to open and close. */
export interface BreakerSettings {
  /** Consecutive failures that open it. */
  failures: number;
  /** How long it stays open before one probe is let through. */
  cooldownMs: number;
}

/** The answer to `allow`: the state, and whether failures have been counted since the last success. */
export interface BreakerCheck {
  state: BreakerState;
  /** True when `success` has something to reset (failures counted, or a probe in flight). */
  dirty: boolean;
}

/**
 * Circuit breakers keyed by `provider/model`: closed (calls flow), open (calls refused until the
 * cooldown ends), half-open (one probe allowed; its success closes, its failure reopens). Held in
 * process, or in Redis so every replica sees the same state.
 */
export interface BreakerStore {
  /** Whether a call may go out now; a half-open answer reserves the single probe for the caller. */
  allow(key: string, settings: BreakerSettings): Promise<BreakerCheck>;
  /** A call succeeded: closes the breaker and clears its failures. */
  success(key: string): Promise<void>;
  /** A call failed in a way that says the provider is unwell. */
  failure(key: string, settings: BreakerSettings): Promise<void>;
  /** Every breaker that is not closed, read without taking a probe (for the breaker-state gauge). */
  states(): Promise<Array<{ key: string; state: BreakerState }>>;
  close(): Promise<void>;
}
