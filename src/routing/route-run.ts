import type { Random } from '../core/random.js';
import type { ChatRequest, Principal } from '../core/types.js';
import type { Catalog } from '../models/catalog/catalog.js';
import type { ResolvedModel } from '../models/model-registry.js';
import type { AttemptLog } from './attempt-log.js';
import type { BreakerStore } from './breakers/breaker-store.js';
import type { ModelStats } from './model-stats.js';
import type { Route } from './plan.js';
import type { RouteTrace } from './route-trace.js';

/** What every routed request of a gateway shares. */
export interface RouteRuntime {
  breakers: BreakerStore;
  stats: ModelStats;
  catalog: Catalog;
  /** The gateway's upstream timeout, used when a route sets none. */
  defaultTimeoutMs: number;
  /** Waits, or rejects when the signal aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** One routed request in flight. */
export interface RouteRun {
  route: Route;
  request: ChatRequest;
  principal: Principal;
  /** The caller's signal: when it aborts, everything stops. */
  callerSignal: AbortSignal;
  /** Aborts when the caller leaves or the route's deadline passes. */
  signal: AbortSignal;
  /** `performance.now()` by which the route must be done, if it has a deadline. */
  deadlineAt: number | undefined;
  log: AttemptLog;
  trace: RouteTrace;
  runtime: RouteRuntime;
  random: Random;
  /** The prompt's estimated tokens, counted once on first use. */
  promptTokens(): number;
  /** Told whenever another model becomes the one answering. */
  served(resolved: ResolvedModel): void;
}

/** The time an attempt may take: the route's or the gateway's timeout, cut to what the deadline leaves. */
export function attemptTimeout(run: RouteRun): number {
  const timeout = run.route.options.timeout_ms ?? run.runtime.defaultTimeoutMs;
  if (run.deadlineAt === undefined) return timeout;
  return Math.max(1, Math.min(timeout, Math.floor(run.deadlineAt - performance.now())));
}
