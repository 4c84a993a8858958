import type { BreakerSettings, BreakerStore } from './breaker-store.js';

interface State {
  failures: number;
  /** 0 while closed; when the open period ends otherwise. */
  openUntil: number;
  /** When the probe let through in half-open state stops blocking others (it may have died). */
  probeUntil: number;
}

/** Breakers held in this process; `now` is injectable for tests. */
export function createLocalBreakers(now: () => number = Date.now): BreakerStore {
  const states = new Map<string, State>();
  return {
    async allow(key, settings) {
      const state = states.get(key);
      if (!state) return { state: 'closed', dirty: false };
      if (state.openUntil === 0) return { state: 'closed', dirty: state.failures > 0 };
      const time = now();
      if (time < state.openUntil || time < state.probeUntil) return { state: 'open', dirty: true };
      state.probeUntil = time + settings.cooldownMs;
      return { state: 'half_open', dirty: true };
    },
    async success(key) {
      states.delete(key);
    },
    async failure(key, settings: BreakerSettings) {
      const time = now();
      const state = states.get(key) ?? { failures: 0, openUntil: 0, probeUntil: 0 };
      states.set(key, state);
      if (state.openUntil !== 0 && time >= state.openUntil) {
        // The half-open probe failed: open again for a full cooldown.
        state.openUntil = time + settings.cooldownMs;
        state.probeUntil = 0;
        return;
      }
      state.failures++;
      if (state.openUntil === 0 && state.failures >= settings.failures)
        state.openUntil = time + settings.cooldownMs;
    },
    async states() {
      const time = now();
      return [...states].flatMap(([key, state]) => {
        if (state.openUntil === 0) return [];
        const open = time < state.openUntil || time < state.probeUntil;
        return [{ key, state: open ? ('open' as const) : ('half_open' as const) }];
      });
    },
    async close() {},
  };
}
