import type { ChatRequest, WireUsage } from '../core/types.js';
import type { ResolvedModel } from '../models/model-registry.js';

/** Why a provider attempt was made; each one becomes a ledger row. */
export type AttemptPurpose = 'primary' | 'retry' | 'fallback' | 'hedge' | 'escalation' | 'verifier' | 'judge';

/** What a stream carried, kept so its usage can be counted when it reported none. */
export interface AttemptOutput {
  text: string[];
  toolCalls: Array<{ function?: { name?: string; arguments?: string } }>;
}

/** One provider attempt, settled: what was called, how it ended and what it used. */
export interface AttemptRecord {
  /** 1-based, in the order attempts started. */
  attempt: number;
  purpose: AttemptPurpose;
  resolved: ResolvedModel;
  /** The request as sent upstream, for counting usage the provider did not report. */
  request: ChatRequest;
  stream: boolean;
  /** 200 for an answer (also one a verifier later rejected); the error status otherwise. */
  status: number;
  errorCode: string | null;
  /** What the provider reported; undefined when it reported nothing. */
  usage: WireUsage | undefined;
  /** The response body, for a cost the answer itself records (replay). */
  body: unknown;
  /** What a stream carried before it ended; absent for whole responses. */
  output: AttemptOutput | undefined;
  /** True when the provider produced output (billable even without reported usage). */
  generated: boolean;
  /** `performance.now()` when the attempt started. */
  startedAt: number;
  latencyMs: number;
}

/** The attempts of one routed request: numbered as they start, complete once every one settled. */
export interface AttemptLog {
  readonly records: AttemptRecord[];
  /** The next attempt number. */
  next(): number;
  /** Keeps a record; settles `done` once every attempt started has one. */
  add(record: AttemptRecord): void;
  /** Resolves when every attempt started so far has been recorded. */
  done(): Promise<void>;
}

/** Builds an empty attempt log. */
export function createAttemptLog(): AttemptLog {
  const records: AttemptRecord[] = [];
  let started = 0;
  let waiters: Array<() => void> = [];
  const check = () => {
    if (records.length < started) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  return {
    records,
    next: () => ++started,
    add(record) {
      records.push(record);
      check();
    },
    done() {
      if (records.length >= started) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
