import type { ChatOutcome } from './call.js';

/** Pipeline calls still running, so shutdown can wait until each is settled and recorded. */
export interface InFlight {
  /** The chat pipeline, counting each call until it ends (a stream when its summary settles). */
  chat<C>(run: (call: C) => Promise<ChatOutcome>): (call: C) => Promise<ChatOutcome>;
  /** Any other pipeline, counting each call until it ends. */
  other<C, T>(run: (call: C) => Promise<T>): (call: C) => Promise<T>;
  /** Resolves once no call runs, or after `timeoutMs`, with how many still run. */
  drained(timeoutMs: number): Promise<number>;
}

/** Builds an in-flight counter. */
export function createInFlight(): InFlight {
  let running = 0;
  let waiters: Array<() => void> = [];
  const done = () => {
    running -= 1;
    if (running > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  return {
    chat(run) {
      return (call) => {
        running += 1;
        const outcome = run(call);
        outcome.then((ended) => {
          if (ended.kind === 'response') done();
          else ended.summary.then(done, done);
        }, done);
        return outcome;
      };
    },
    other(run) {
      return (call) => {
        running += 1;
        const outcome = run(call);
        outcome.then(done, done);
        return outcome;
      };
    },
    drained(timeoutMs) {
      if (running === 0) return Promise.resolve(0);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(running), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(0);
        });
      });
    },
  };
}
