import { fileURLToPath } from 'node:url';
import { verifierConfigSchema } from '../../src/config/verifiers.js';
import { seededRandom } from '../../src/core/random.js';
import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import type { CheckedCascade } from '../../src/routing/learned/learned-router.js';
import { type LearnedRouter, pickModel } from '../../src/routing/learned/learned-router.js';
import { createVerifier } from '../../src/routing/verifiers/create-verifier.js';
import { type BudgetCalibration, type GateModels, gatePlan } from './calibrate-budget.js';
import { checkedPlans, checkedRoutes } from './checked-plans.js';
import type { BenchDataset } from './dataset.js';
import { cascadePolicy, type Policy, routedPolicy, routePolicy } from './policy.js';
import { replayModel } from './replay-pipeline.js';

/** The λ values of the learned router's sweep (cost in units of the dearest model's mean cost). */
export const lambdas = [
  0, 0.01, 0.02, 0.035, 0.05, 0.07, 0.085, 0.1, 0.11, 0.12, 0.13, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 100,
];
/** The λ values of the learned router followed by a self-consistency cascade. */
const cascadeLambdas = [0.1, 0.15, 0.2, 0.3, 0.5, 1];
/** A model counts as cheap for self-consistency when it costs at most this share of the strongest. */
const cheapShare = 0.25;

/** Models chosen from the train split only: strongest, cheapest, the self-consistency pair, per-task best. */
export interface TrainChoices {
  strongest: string;
  cheapest: string;
  /** The two most accurate cheap models: the first answers, the second checks it. */
  pair: [string, string] | undefined;
  perTask: Map<string, string>;
  /** The cheap models (≤ 25% of the strongest's train cost): a gated cascade's first picks. */
  cheap: string[];
  /** The strongest's mean train cost in USD per 1k queries. */
  strongestCostPer1k: number;
}

/** A gated cascade's models: the cheap ones, each checked by the self-consistency pair's other member. */
export function gateModels(choices: TrainChoices): GateModels | undefined {
  const { pair } = choices;
  if (pair === undefined) return undefined;
  return { cheap: choices.cheap, partner: (model) => (model === pair[0] ? pair[1] : pair[0]) };
}

/** Picks the reference models from train statistics (never from test). */
export function chooseFromTrain(dataset: BenchDataset): TrainChoices {
  const stats = dataset.stats(dataset.train);
  const byAccuracy = [...stats.entries()].sort(
    (a, b) => b[1].accuracy - a[1].accuracy || a[1].cost - b[1].cost,
  );
  const [strongest, strongStats] = byAccuracy[0] ?? ['', { accuracy: 0, cost: 0 }];
  const cheapest = [...stats.entries()].sort((a, b) => a[1].cost - b[1].cost)[0]?.[0] ?? strongest;
  const cheap = byAccuracy.filter(
    ([model, value]) => model !== strongest && value.cost <= cheapShare * strongStats.cost,
  );
  const pair: [string, string] | undefined = cheap[0] && cheap[1] ? [cheap[0][0], cheap[1][0]] : undefined;
  const perTask = new Map<string, string>();
  for (const task of new Set(dataset.train.map((query) => query.task))) {
    const taskStats = dataset.stats(dataset.train.filter((query) => query.task === task));
    const best = [...taskStats.entries()].sort(
      (a, b) => b[1].accuracy - a[1].accuracy || a[1].cost - b[1].cost,
    )[0];
    if (best) perTask.set(task, best[0]);
  }
  return {
    strongest,
    cheapest,
    pair,
    perTask,
    cheap: cheap.map(([model]) => model),
    strongestCostPer1k: strongStats.cost * 1000,
  };
}

/** Every policy the bench runs, in report order. */
export function buildPolicies(
  dataset: BenchDataset,
  choices: TrainChoices,
  router: LearnedRouter,
  calibration: BudgetCalibration,
): Policy[] {
  const { strongest, cheapest, pair } = choices;
  const policies: Policy[] = dataset.models.map((model) =>
    routedPolicy(`always ${model}`, 'single models (zero router)', () => model),
  );
  const random = seededRandom(42);
  policies.push(
    routedPolicy(
      'random (uniform)',
      'random',
      () => dataset.models[Math.floor(random() * dataset.models.length)] ?? strongest,
    ),
  );
  policies.push(
    routedPolicy(
      'per-task best model (from train)',
      'per-task',
      (query) => choices.perTask.get(query.task) ?? strongest,
    ),
  );
  policies.push(
    routedPolicy(
      'oracle (cheapest model with the best recorded score)',
      'oracle',
      (query) => oracleModel(query),
      {
        oracle: true,
        note: 'reads the recorded scores: an upper bound, not a policy',
      },
    ),
  );
  policies.push(
    routePolicy(
      `cascade ${cheapest} → ${strongest}, recorded-score verifier`,
      'cascade (oracle verifier)',
      recordedCascadeRoute,
      {
        oracle: true,
        note: 'the custom verifier reads the recorded score: the bound a perfect verifier reaches',
      },
    ),
  );
  if (pair !== undefined && dataset.hasResponses) {
    const [first, partner] = pair;
    const agree = (model: string) =>
      createVerifier(verifierConfigSchema.parse({ type: 'self_consistency', models: [model], threshold: 1 }));
    const checkers = new Map(
      dataset.models.map((model) => [model, agree(model === first ? partner : first)]),
    );
    const checker = (model: string) => checkers.get(model) ?? agree(first);
    policies.push(
      routePolicy(
        `cascade ${first} → ${strongest}, self_consistency with ${partner}`,
        'cascade (self_consistency)',
        checkedPlans(pair, strongest)[0]?.name ?? '',
      ),
    );
    for (const lambda of cascadeLambdas) {
      policies.push(
        cascadePolicy(
          `learned λ=${lambda} → self_consistency → ${strongest}`,
          'learned + self_consistency cascade',
          (query) => {
            const model = router.choose(query.prompt, lambda).model;
            return model === strongest
              ? [{ model }]
              : [{ model, verifier: checker(model) }, { model: strongest }];
          },
        ),
      );
    }
  }
  for (const lambda of lambdas) {
    policies.push(routePolicy(`learned kNN λ=${lambda}`, 'learned kNN router', learnedRouteName(lambda)));
  }
  const budget = `≤ $${calibration.budget_per_1k.toFixed(2)}/1k`;
  if (calibration.lambda !== undefined) {
    const lambda = calibration.lambda.setting;
    policies.push(
      routePolicy(
        `learned kNN λ=${lambda}, calibrated on train to ${budget}`,
        'learned kNN, budget-calibrated λ',
        learnedRouteName(lambda),
      ),
    );
  }
  if (calibration.plans !== undefined) {
    const lambda = calibration.plans.setting;
    for (const swept of plansLambdas) {
      policies.push(
        routePolicy(
          `learned over models and checked cascades λ=${swept}`,
          plansFamily,
          plansRouteName(swept),
        ),
      );
    }
    policies.push(
      routePolicy(
        `learned over models and checked cascades λ=${lambda}, calibrated on train to ${budget}`,
        'learned over models and checked cascades, budget-calibrated λ',
        plansRouteName(lambda),
      ),
    );
  }
  const gate = gateModels(choices);
  if (calibration.gate !== undefined && gate !== undefined && pair !== undefined && dataset.hasResponses) {
    const setting = calibration.gate.setting;
    const check = (model: string) =>
      createVerifier(
        verifierConfigSchema.parse({ type: 'self_consistency', models: [gate.partner(model)], threshold: 1 }),
      );
    const checks = new Map(gate.cheap.map((model) => [model, check(model)]));
    policies.push(
      cascadePolicy(
        `learned gate: cheap λ=${setting.first}, self_consistency, escalate λ=${setting.escalate}; calibrated on train to ${budget}`,
        'learned gate (budget-calibrated)',
        (query) => {
          // One prediction serves both picks.
          const prediction = router.predict(query.prompt);
          const plan = gatePlan(
            (lambda, candidates) => pickModel(router.trained, prediction, lambda, candidates).model,
            setting,
            gate,
          );
          const verifier = checks.get(plan.first);
          return plan.escalate === undefined || verifier === undefined
            ? [{ model: plan.first }]
            : [{ model: plan.first, verifier }, { model: plan.escalate }];
        },
      ),
    );
  }
  return policies;
}

/** The oracle-bound cascade: cheapest, judged by a `custom` verifier reading the recorded score. */
const recordedCascadeRoute = 'cascade-recorded-score';

/** The oracle-bound cascade route from the cheapest to the strongest model. */
export function recordedCascadeRoutes(cheapest: string, strongest: string): Record<string, unknown> {
  const module = fileURLToPath(new URL('./recorded-score-verifier.js', import.meta.url));
  return {
    [recordedCascadeRoute]: {
      cascade: [
        { use: replayModel(cheapest), verifiers: [{ type: 'custom', module, threshold: 1 }] },
        { use: replayModel(strongest) },
      ],
    },
  };
}

/** The stored name of the router the bench trains. */
export const benchRouterName = 'bench-knn';
/** The stored name of the router that also predicts the checked cascades. */
export const plansRouterName = 'bench-knn-plans';
/** The λ sweep of the router over models and checked cascades. */
export const plansLambdas = [0.05, 0.1, 0.15, 0.2, 0.3];
const plansFamily = 'learned over models and checked cascades';

/** The route that balances every model and every checked cascade with the learned strategy. */
export function plansRouteName(lambda: number): string {
  return `learned-plans-${lambda}`;
}

/**
 * The checked cascade routes, and one `learned` balance route per λ whose targets are every model and
 * every checked cascade: the router picks a whole cascade where its neighbours say one pays.
 */
export function plansRoutes(
  models: readonly string[],
  plans: readonly CheckedCascade[],
  extra: readonly number[],
): Record<string, unknown> {
  const targets = [...models.map(replayModel), ...plans.map((plan) => plan.name)];
  return {
    ...checkedRoutes(plans),
    ...Object.fromEntries(
      [...plansLambdas, ...extra].map((lambda) => [
        plansRouteName(lambda),
        { balance: { strategy: 'learned', router: plansRouterName, lambda, targets } },
      ]),
    ),
  };
}

/** The route that balances every model with the learned strategy at `lambda`. */
export function learnedRouteName(lambda: number): string {
  return `learned-${lambda}`;
}

/** One `learned` balance route per λ of the sweep, over every model of the dataset. */
export function learnedRoutes(
  models: readonly string[],
  extra: readonly number[] = [],
): Record<string, unknown> {
  return Object.fromEntries(
    [...lambdas, ...extra].map((lambda) => [
      learnedRouteName(lambda),
      { balance: { strategy: 'learned', router: benchRouterName, lambda, targets: models.map(replayModel) } },
    ]),
  );
}

/** The cheapest model with the query's best recorded score. */
export function oracleModel(query: RecordedQuery): string {
  let best: { model: string; score: number; cost: number } | undefined;
  for (const [model, outcome] of query.outcomes) {
    const score = outcome.score ?? 0;
    const cost = outcome.costUsd ?? 0;
    if (best === undefined || score > best.score || (score === best.score && cost < best.cost)) {
      best = { model, score, cost };
    }
  }
  return best?.model ?? '';
}
