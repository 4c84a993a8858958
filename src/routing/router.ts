import { setTimeout as sleep } from 'node:timers/promises';
import type { RoutesConfig } from '../config/routes.js';
import { StrataError, toStrataError } from '../core/errors.js';
import { type Random, seededRandom } from '../core/random.js';
import type { ChatRequest, Principal } from '../core/types.js';
import type { ResolvedModel } from '../models/model-registry.js';
import { type AttemptLog, createAttemptLog } from './attempt-log.js';
import type { BreakerStore } from './breakers/breaker-store.js';
import { createLocalBreakers } from './breakers/local-breakers.js';
import { type BuildRoutesDeps, buildRoutes, leafFor } from './build-routes.js';
import type { Answer } from './call-attempt.js';
import { fallsBack } from './fallback-policy.js';
import { createModelStats, type ModelStats } from './model-stats.js';
import { isCascade, type OrderInput, orderSteps } from './order-leaves.js';
import { type CascadeNode, type Leaf, type Route, reachableGroups, type Tier } from './plan.js';
import { estimatePromptTokens } from './prompt-size.js';
import { responseChunks } from './response-chunks.js';
import type { RouteRun, RouteRuntime } from './route-run.js';
import { createRouteTrace, formatRouteHeader, type RouteTrace } from './route-trace.js';
import { routedStream } from './routed-stream.js';
import { runCascade } from './run-cascade.js';
import { runChain } from './run-chain.js';
import type { Candidate } from './selectors/selector.js';
import type { VerifyContext } from './verifiers/verifier.js';
import { createVerifyContext } from './verify-context.js';

/** What a routed call looks like from outside: who asked what, and how to stop it. */
export interface RouteInput {
  request: ChatRequest;
  principal: Principal;
  signal: AbortSignal;
  /** Told whenever another model becomes the one answering (first answer, fallback, restart). */
  served(resolved: ResolvedModel): void;
}

/** What a routed call did: its attempts (for the ledger) and its explanation (for headers and logs). */
export interface RouteReport {
  trace: RouteTrace;
  log: AttemptLog;
  /** The `x-strata-route` value. */
  header(): string;
}

/** Runs named routes; everything else stays on the direct path. */
export interface Router {
  readonly routes: ReadonlyMap<string, Route>;
  /** Starts a routed call; the report is there at once, so even a failed call's attempts are recorded. */
  run(route: Route, input: RouteInput): { report: RouteReport; answer: Promise<Answer> };
  /** Breakers that are open or half-open, by `provider/model`. */
  breakerStates(): ReturnType<BreakerStore['states']>;
  close(): Promise<void>;
}

/** What a router is built from. */
export interface RouterDeps extends BuildRoutesDeps {
  defaultTimeoutMs: number;
  /** Breakers shared through Redis when set; in process otherwise. */
  redisUrl?: string | undefined;
  breakers?: BreakerStore;
  stats?: ModelStats;
  /** Scores an answer's support in retrieved context, for `grounded` verifiers (the knowledge layer). */
  grounded?: VerifyContext['grounded'];
}

function estimateUsd(leaf: Leaf | undefined, promptTokens: number, request: ChatRequest): number | undefined {
  if (!leaf?.price) return undefined;
  const output = request.max_completion_tokens ?? request.max_tokens ?? 256;
  return (promptTokens * leaf.price.input + output * leaf.price.output) / 1e6;
}

/** Compiles the routes and builds the runtime they share: breakers, latency stats, randomness. */
export async function createRouter(config: RoutesConfig, deps: RouterDeps): Promise<Router> {
  const routes = await buildRoutes(config, deps);
  const breakers =
    deps.breakers ??
    (deps.redisUrl === undefined
      ? createLocalBreakers()
      : (await import('./breakers/redis-breakers.js')).connectRedisBreakers(deps.redisUrl));
  const runtime: RouteRuntime = {
    breakers,
    stats: deps.stats ?? createModelStats(),
    catalog: deps.catalog,
    defaultTimeoutMs: deps.defaultTimeoutMs,
    sleep: (ms, signal) => sleep(ms, undefined, { signal }),
  };
  const randoms = new Map<string, Random>();
  const randomFor = (route: Route): Random => {
    if (route.options.seed === undefined) return Math.random;
    let random = randoms.get(route.name);
    if (!random) {
      random = seededRandom(route.options.seed);
      randoms.set(route.name, random);
    }
    return random;
  };
  const leavesOf = (name: string): Leaf[] | undefined => {
    const resolved = deps.registry.resolve(name);
    return resolved && [leafFor(name, resolved, deps.catalog)];
  };

  return {
    routes,
    run(route, input) {
      const log = createAttemptLog();
      const trace = createRouteTrace(route.name, route.kind);
      const report: RouteReport = { trace, log, header: () => formatRouteHeader(trace) };
      const deadline = route.options.deadline_ms;
      // The deadline bounds reaching an answer: it is disarmed once there is one (a stream's first
      // chunk), so a long answer that has started is never cut off by it.
      const expiry = deadline === undefined ? undefined : new AbortController();
      const timer = expiry && setTimeout(() => expiry.abort(), deadline);
      let tokens: number | undefined;
      const run: RouteRun = {
        route,
        request: input.request,
        principal: input.principal,
        callerSignal: input.signal,
        signal:
          deadline === undefined
            ? input.signal
            : AbortSignal.any([input.signal, (expiry as AbortController).signal]),
        deadlineAt: deadline === undefined ? undefined : performance.now() + deadline,
        log,
        trace,
        runtime,
        random: randomFor(route),
        promptTokens: () => {
          tokens ??= estimatePromptTokens(input.request);
          return tokens;
        },
        served: input.served,
      };
      const order: OrderInput = {
        route: route.name,
        request: input.request,
        principal: input.principal,
        promptTokens: run.promptTokens,
        selection: {
          request: input.request,
          principal: input.principal,
          random: run.random,
          stats: runtime.stats,
          explain: (reason) => trace.decisions.push(reason),
          estimateUsd: (candidate: Candidate) => {
            const leaf = candidate.key === undefined ? undefined : leavesByKey(route).get(candidate.key);
            return estimateUsd(leaf, run.promptTokens(), input.request);
          },
        },
      };
      const context = createVerifyContext(run, order, routes, leavesOf, deps.grounded);
      const answer = execute(route, run, order, context);
      if (timer) {
        void answer
          .finally(() => {
            clearTimeout(timer);
            run.deadlineAt = undefined;
          })
          .catch(() => undefined);
      }
      return { report, answer };
    },
    breakerStates: () => breakers.states(),
    close: () => breakers.close(),
  };
}

const leafIndex = new WeakMap<Route, Map<string, Leaf>>();

/** Every model a route can reach, by key (for price lookups of balance candidates). */
function leavesByKey(route: Route): Map<string, Leaf> {
  let index = leafIndex.get(route);
  if (!index) {
    index = new Map(
      reachableGroups(route)
        .flat()
        .map((leaf) => [leaf.key, leaf]),
    );
    leafIndex.set(route, index);
  }
  return index;
}

async function execute(
  route: Route,
  run: RouteRun,
  order: OrderInput,
  context: VerifyContext,
): Promise<Answer> {
  if (route.body.kind === 'cascade') return cascadeAnswer(route.body.tiers, run, order, context, false);
  const steps = await orderSteps(route.body.node, order);
  // Models in a row form one fallback chain; a cascade the plan chose runs whole, and what follows it
  // is its fallback when it fails.
  const segments: Array<Leaf[] | CascadeNode> = [];
  for (const step of steps) {
    const last = segments.at(-1);
    if (isCascade(step)) segments.push(step);
    else if (Array.isArray(last)) last.push(step);
    else segments.push([step]);
  }
  for (const [index, segment] of segments.entries()) {
    try {
      if (!Array.isArray(segment)) {
        run.trace.cascades.push(segment.route);
        return await cascadeAnswer(segment.tiers, run, order, context, index > 0);
      }
      return await chainAnswer(segment, run, index > 0);
    } catch (thrown) {
      const error = toStrataError(thrown);
      if (index === segments.length - 1 || run.signal.aborted || !fallsBack(error, route.options))
        throw error;
    }
  }
  throw new StrataError('model_not_found', `Route \`${route.name}\` has no model to try.`);
}

async function cascadeAnswer(
  tiers: readonly Tier[],
  run: RouteRun,
  order: OrderInput,
  context: VerifyContext,
  fallback: boolean,
): Promise<Answer> {
  const answer = await runCascade(tiers, run, order, context, fallback ? 'fallback' : 'primary');
  return run.request.stream === true
    ? { ...answer, kind: 'stream', chunks: responseChunks(answer.response) }
    : answer;
}

async function chainAnswer(leaves: readonly Leaf[], run: RouteRun, fallback: boolean): Promise<Answer> {
  const stream = run.request.stream === true;
  const chained = await runChain(leaves, run, {
    purpose: fallback ? 'fallback' : 'primary',
    stream,
    request: run.request,
  });
  run.served(chained.answer.resolved);
  if (chained.answer.kind === 'response') return chained.answer;
  return { ...chained.answer, chunks: routedStream(chained, leaves, run) };
}
