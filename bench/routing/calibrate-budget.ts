import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import { cascadeOutcome, withCascades } from '../../src/routing/learned/checked-cascades.js';
import type { CheckedCascade } from '../../src/routing/learned/learned-router.js';
import {
  createLearnedRouter,
  type LearnedRouterOptions,
  pickModel,
  type RouterPrediction,
  type RoutingExample,
  type TrainedRouter,
  trainLearnedRouter,
} from '../../src/routing/learned/learned-router.js';
import { toRoutingExample } from '../../src/routing/learned/routing-examples.js';

/** Folds of the cross-validation over the train split; the test split is never read. */
export const calibrationFolds = 5;
/** The calibrated policy aims at this share of the budget, a margin for the move from train to test. */
export const budgetMargin = 0.95;

/** The gated cascade: a cheap first model, checked by a partner, escalated to a second router pick. */
export interface GateSetting {
  /** λ of the first pick, among the cheap models. */
  first: number;
  /** λ of the pick a rejected answer escalates to, among every model. */
  escalate: number;
}

/** What the models of a gated cascade are: the cheap candidates and each one's checking partner. */
export interface GateModels {
  cheap: readonly string[];
  partner(model: string): string;
}

/** A calibrated setting and its cross-validated accuracy and USD per 1k queries on train. */
export interface Calibrated<T> {
  setting: T;
  accuracy: number;
  cost_per_1k: number;
}

/** What calibration chose for a budget. */
export interface BudgetCalibration {
  budget_per_1k: number;
  lambda: Calibrated<number> | undefined;
  gate: Calibrated<GateSetting> | undefined;
  /** λ of the router that also chooses among checked cascades, when there are any. */
  plans: Calibrated<number> | undefined;
}

interface HeldOut {
  query: RecordedQuery;
  /** The query with the scores and costs of every column the router predicts. */
  example: RoutingExample;
  trained: TrainedRouter;
  prediction: RouterPrediction;
}

/** λ from 0 to 0.5 in steps of 0.0025, then a coarse tail up to "always the cheapest". */
const lambdaGrid = [
  ...Array.from({ length: 201 }, (_, index) => (index * 25) / 10_000),
  ...[0.75, 1, 2, 5, 100],
];
const firstGrid = [0.1, 0.2, 0.3, 0.5, 1];

/**
 * Picks, by k-fold cross-validation on the train split, the λ of the plain learned router, the two
 * λs of the gated cascade, and the λ of the router over models and checked cascades, each giving the
 * best accuracy at no more than `budgetPer1k` × the margin. Each fold's router is trained on the other
 * folds with `options`; cascades are scored from the recorded responses with the same answer
 * comparison the `self_consistency` verifier uses.
 */
export function calibrateToBudget(
  train: readonly RecordedQuery[],
  options: LearnedRouterOptions,
  budgetPer1k: number,
  gate: GateModels | undefined,
  plans: readonly CheckedCascade[] = [],
): BudgetCalibration {
  const heldOut = crossValidate(train, options, toRoutingExample);
  const limit = budgetPer1k * budgetMargin;
  const gateResult =
    gate === undefined
      ? undefined
      : best(
          firstGrid.flatMap((first) =>
            lambdaGrid.map((escalate) => scoreGate(heldOut, { first, escalate }, gate)),
          ),
          limit,
        );
  return {
    budget_per_1k: budgetPer1k,
    lambda: calibrateLambda(heldOut, limit),
    gate: gateResult,
    plans:
      plans.length === 0
        ? undefined
        : calibrateLambda(
            crossValidate(train, options, (query) => withCascades(query, plans)),
            limit,
          ),
  };
}

/** Each train query predicted once, by the router trained on the other folds. */
function crossValidate(
  train: readonly RecordedQuery[],
  options: LearnedRouterOptions,
  toExample: (query: RecordedQuery) => RoutingExample,
): HeldOut[] {
  const examples = new Map(train.map((query) => [query, toExample(query)]));
  const heldOut: HeldOut[] = [];
  for (let fold = 0; fold < calibrationFolds; fold++) {
    const fit = train.filter((query) => foldOf(query.id) !== fold);
    const trained = trainLearnedRouter(
      fit.map((query) => examples.get(query) as RoutingExample),
      options,
    );
    const router = createLearnedRouter(trained);
    for (const query of train) {
      if (foldOf(query.id) !== fold) continue;
      const example = examples.get(query) as RoutingExample;
      heldOut.push({ query, example, trained, prediction: router.predict(query.prompt) });
    }
  }
  return heldOut;
}

/** The best λ of the grid within the limit, each pick scored by its column's recorded score and cost. */
function calibrateLambda(heldOut: readonly HeldOut[], limit: number): Calibrated<number> | undefined {
  return best(
    lambdaGrid.map((setting) =>
      score(heldOut, setting, (item) => {
        const column = pick(item, setting);
        return { score: item.example.scores[column] ?? 0, costUsd: item.example.costs[column] ?? 0 };
      }),
    ),
    limit,
  );
}

/** The models a gated cascade calls for one prediction: the first pick, its partner, the escalation. */
export function gatePlan(
  choose: (lambda: number, candidates?: readonly string[]) => string,
  setting: GateSetting,
  models: GateModels,
): { first: string; partner?: string; escalate?: string } {
  const first = choose(setting.first, models.cheap);
  const escalate = choose(setting.escalate);
  // When the escalation would pick the same model, a check could change nothing: answer unchecked.
  if (escalate === first) return { first };
  return { first, partner: models.partner(first), escalate };
}

function scoreGate(heldOut: readonly HeldOut[], setting: GateSetting, models: GateModels) {
  return score(heldOut, setting, (item) => {
    const plan = gatePlan((lambda, candidates) => pick(item, lambda, candidates), setting, models);
    const { first, partner, escalate } = plan;
    if (partner === undefined || escalate === undefined) {
      const outcome = item.query.outcomes.get(first);
      return { score: outcome?.score ?? 0, costUsd: outcome?.costUsd ?? 0 };
    }
    // A gate that checks is a checked cascade chosen per query: scored the same way.
    return cascadeOutcome(item.query, { name: 'gate', first, partner, escalate }) ?? { score: 0, costUsd: 0 };
  });
}

/** Mean recorded score and mean recorded USD per 1k queries of one setting. */
function score<T>(
  heldOut: readonly HeldOut[],
  setting: T,
  run: (item: HeldOut) => { score: number; costUsd: number },
): Calibrated<T> {
  let accuracy = 0;
  let cost = 0;
  for (const item of heldOut) {
    const result = run(item);
    accuracy += result.score;
    cost += result.costUsd;
  }
  const count = Math.max(1, heldOut.length);
  return { setting, accuracy: accuracy / count, cost_per_1k: (cost / count) * 1000 };
}

/** The most accurate setting within the limit; ties go to the cheaper, then the earlier one. */
function best<T>(results: readonly Calibrated<T>[], limit: number): Calibrated<T> | undefined {
  let winner: Calibrated<T> | undefined;
  for (const result of results) {
    if (result.cost_per_1k > limit) continue;
    if (
      winner === undefined ||
      result.accuracy > winner.accuracy + 1e-12 ||
      (Math.abs(result.accuracy - winner.accuracy) <= 1e-12 && result.cost_per_1k < winner.cost_per_1k)
    ) {
      winner = result;
    }
  }
  return winner;
}

function pick(item: HeldOut, lambda: number, candidates?: readonly string[]): string {
  return pickModel(item.trained, item.prediction, lambda, candidates).model;
}

/** A stable fold of an id (FNV-1a), so calibration never changes between runs. */
export function foldOf(id: string): number {
  let hash = 2166136261;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return Math.floor(((hash >>> 0) / 2 ** 32) * calibrationFolds);
}
