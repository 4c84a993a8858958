import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import { withCascades } from '../../src/routing/learned/checked-cascades.js';
import {
  createLearnedRouter,
  type TrainedRouter,
  trainLearnedRouter,
} from '../../src/routing/learned/learned-router.js';
import { encodeRouter } from '../../src/routing/learned/router-codec.js';
import { toRoutingExample } from '../../src/routing/learned/routing-examples.js';
import { budgetMargin, calibrateToBudget, calibrationFolds } from './calibrate-budget.js';
import { checkedPlans } from './checked-plans.js';
import { loadBenchDataset } from './dataset.js';
import { aiq, costAtQuality, gapRecovery } from './frontier.js';
import {
  benchRouterName,
  buildPolicies,
  chooseFromTrain,
  gateModels,
  lambdas,
  learnedRoutes,
  plansRouterName,
  plansRoutes,
  recordedCascadeRoutes,
} from './policies.js';
import { type Policy, type PolicyAnswer, routedPolicy } from './policy.js';
import { openReplayPipeline, type ReplayPipeline, receiptOf } from './replay-pipeline.js';
import type { PolicyResult, RoutingBenchReport } from './report.js';
import { tuneLearnedRouter, validationShare } from './tune-router.js';

export { formatRoutingReport } from './format-report.js';
export { plotFrontier } from './plot.js';
export type { RoutingBenchReport } from './report.js';

/** What to run the bench on. */
export interface RoutingBenchOptions {
  data: string;
  trainSplit?: string;
  testSplit?: string;
  /** Queries in flight at once per policy. */
  concurrency?: number;
  onProgress?: (message: string) => void;
}

const learnedFamily = 'learned kNN router';

/** Trains on the train split, then runs every policy on the test split through the replay pipeline. */
export async function runRoutingBench(options: RoutingBenchOptions): Promise<RoutingBenchReport> {
  const started = performance.now();
  const trainSplit = options.trainSplit ?? 'train';
  const testSplit = options.testSplit ?? 'test';
  const progress = options.onProgress ?? (() => {});
  const dataset = await loadBenchDataset(options.data, trainSplit, testSplit);
  const choices = chooseFromTrain(dataset);
  progress(`tuning the learned router on a ${validationShare * 100}% validation slice of ${trainSplit}`);
  const tuning = tuneLearnedRouter(dataset.train, dataset.models, lambdas);
  const trained = trainLearnedRouter(dataset.train.map(toRoutingExample), tuning.options);
  const router = createLearnedRouter(trained);
  // "Best accuracy for at most 30% of the strongest's cost": the λs are picked by cross-validation on train.
  const budget = 0.3 * choices.strongestCostPer1k;
  progress(
    `calibrating λ to ≤ $${budget.toFixed(2)}/1k by ${calibrationFolds}-fold cross-validation on ${trainSplit}`,
  );
  // Checked cascades need response texts to compare.
  const plans =
    dataset.hasResponses && choices.pair !== undefined ? checkedPlans(choices.pair, choices.strongest) : [];
  const calibration = calibrateToBudget(
    dataset.train,
    tuning.options,
    budget,
    dataset.hasResponses ? gateModels(choices) : undefined,
    plans,
  );
  const policies = buildPolicies(dataset, choices, router, calibration);
  const stored = (name: string, model: TrainedRouter) => ({
    name,
    model: encodeRouter(model),
    source: options.data,
    rows: dataset.train.length,
  });
  // The λ sweeps run through `learned` balance routes, loading their routers from the stack's store.
  const pipeline = await openReplayPipeline(options.data, {
    routes: {
      ...recordedCascadeRoutes(choices.cheapest, choices.strongest),
      ...learnedRoutes(dataset.models, calibration.lambda === undefined ? [] : [calibration.lambda.setting]),
      ...(plans.length > 0 &&
        plansRoutes(
          dataset.models,
          plans,
          calibration.plans === undefined ? [] : [calibration.plans.setting],
        )),
    },
    routers: [
      stored(benchRouterName, trained),
      ...(plans.length > 0
        ? [
            stored(
              plansRouterName,
              trainLearnedRouter(
                dataset.train.map((query) => withCascades(query, plans)),
                tuning.options,
              ),
            ),
          ]
        : []),
    ],
  });
  const results: PolicyResult[] = [];
  try {
    for (const policy of policies) {
      progress(`running ${policy.name}`);
      const answers = await runPolicy(policy, dataset.test, pipeline, options.concurrency ?? 8);
      results.push(summarise(policy, answers, choices.strongest));
    }
    const decisionTimes = measureDecisions(router, dataset.test);
    const twoModel = await runTwoModel(
      dataset.test,
      pipeline,
      router,
      choices.cheapest,
      choices.strongest,
      options.concurrency ?? 8,
    );
    return finish();

    function finish(): RoutingBenchReport {
      const singles = results.filter((result) => result.family === 'single models (zero router)');
      const point = (result: PolicyResult) => ({ cost: result.cost_per_1k, quality: result.accuracy });
      const minCost = Math.min(...singles.map((result) => result.cost_per_1k));
      const maxCost = Math.max(...singles.map((result) => result.cost_per_1k));
      const best = singles.reduce((winner, result) => (result.accuracy > winner.accuracy ? result : winner));
      const families = [...new Set(results.map((result) => result.family))].map((family) => {
        const members = results.filter((result) => result.family === family).map(point);
        const familyAiq = aiq(members, minCost, maxCost);
        for (const result of results) if (result.family === family) result.aiq = familyAiq;
        return {
          family,
          aiq: familyAiq,
          cost_per_1k_at_best_single_quality: costAtQuality(members, best.accuracy) ?? null,
        };
      });
      const strongest = singles.find((result) => result.name === `always ${choices.strongest}`) ?? best;
      const target = results
        .filter((result) => !result.oracle)
        .filter(
          (result) =>
            result.accuracy >= 0.97 * strongest.accuracy && result.cost_per_1k <= 0.3 * strongest.cost_per_1k,
        )
        .sort((a, b) => b.accuracy - a.accuracy)[0];
      const zeroRouter = families.find((family) => family.family === 'single models (zero router)')?.aiq ?? 0;
      const learnedAiq = families.find((family) => family.family === learnedFamily)?.aiq ?? 0;
      const passes = decisionTimes.map(percentiles);
      const quietest = passes.reduce((best, pass) => (pass.p99 < best.p99 ? pass : best));
      return {
        data: options.data,
        train_split: trainSplit,
        test_split: testSplit,
        train_queries: dataset.train.length,
        test_queries: dataset.test.length,
        cost_kind: dataset.costKind,
        models: dataset.models,
        strongest: choices.strongest,
        cheapest: choices.cheapest,
        policies: results,
        families,
        zero_router_aiq: zeroRouter,
        best_single: {
          model: best.name.replace(/^always /, ''),
          accuracy: best.accuracy,
          cost_per_1k: best.cost_per_1k,
        },
        two_model: twoModel,
        decision_overhead_ms: {
          ...quietest,
          samples: dataset.test.length,
          passes,
          // Each prompt's fastest pass: what a decision costs when the scheduler does not preempt it.
          p99_of_per_prompt_minimum: percentiles(
            dataset.test.map((_, index) => Math.min(...decisionTimes.map((pass) => pass[index] ?? 0))),
          ).p99,
        },
        tuning: {
          k: tuning.options.k,
          prior: tuning.options.prior,
          validation_aiq: tuning.validationAiq,
          validation_share: validationShare,
        },
        calibration: { ...calibration, folds: calibrationFolds, margin: budgetMargin },
        skipped_verifiers: skippedVerifiers(dataset.hasResponses),
        targets: {
          quality_at_30_percent_cost: {
            met: target !== undefined,
            policy: target?.name ?? null,
            accuracy: target?.accuracy ?? null,
            cost_per_1k: target?.cost_per_1k ?? null,
          },
          learned_aiq_beats_zero_router: learnedAiq > zeroRouter,
        },
        pipeline_calls: pipeline.calls,
        elapsed_seconds: (performance.now() - started) / 1000,
      };
    }
  } finally {
    await pipeline.close();
  }
}

/** Passes of the decision timing; the quietest one is reported, since the machine may be shared. */
const decisionPasses = 3;

/**
 * Times the routing decision (featurise, kNN, argmax) per test query in a loop of its own after a
 * warm-up pass, three times; returns each pass's timings.
 */
function measureDecisions(
  router: ReturnType<typeof createLearnedRouter>,
  queries: readonly RecordedQuery[],
): number[][] {
  for (const query of queries) router.choose(query.prompt, 0.1);
  return Array.from({ length: decisionPasses }, () =>
    queries.map((query) => {
      const started = performance.now();
      router.choose(query.prompt, 0.1);
      return performance.now() - started;
    }),
  );
}

function percentiles(times: readonly number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Runs a policy over the queries with a few in flight; answers come back in query order. */
async function runPolicy(
  policy: Policy,
  queries: readonly RecordedQuery[],
  pipeline: ReplayPipeline,
  concurrency: number,
): Promise<PolicyAnswer[]> {
  const answers = new Array<PolicyAnswer>(queries.length);
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const index = next++;
      answers[index] = await policy.answer(queries[index] as RecordedQuery, pipeline);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

function summarise(policy: Policy, answers: readonly PolicyAnswer[], strongest: string): PolicyResult {
  let score = 0;
  let cost = 0;
  let escalated = 0;
  let strong = 0;
  let calls = 0;
  for (const answer of answers) {
    score += receiptOf(answer.final).score ?? 0;
    if (answer.paid !== undefined) cost += answer.paid.costUsd;
    else for (const response of answer.responses) cost += receiptOf(response).cost_usd ?? 0;
    if (answer.escalated) escalated++;
    if (answer.model === strongest) strong++;
    calls += answer.paid?.calls ?? answer.responses.length;
  }
  const count = answers.length;
  return {
    name: policy.name,
    family: policy.family,
    accuracy: score / count,
    cost_per_1k: (cost / count) * 1000,
    escalation_rate: escalated / count,
    aiq: 0,
    strongest_share: strong / count,
    calls_per_query: calls / count,
    ...(policy.oracle && { oracle: true }),
    ...(policy.note !== undefined && { note: policy.note }),
  };
}

/** The learned router limited to the cheapest and the strongest model, for APGR and CPT. */
async function runTwoModel(
  queries: readonly RecordedQuery[],
  pipeline: ReplayPipeline,
  router: ReturnType<typeof createLearnedRouter>,
  weak: string,
  strong: string,
  concurrency: number,
): Promise<RoutingBenchReport['two_model']> {
  const sweep = [
    0, 0.05, 0.1, 0.15, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.33, 0.36, 0.4, 0.45, 0.5, 0.6, 0.8, 1, 100,
  ];
  const points: RoutingBenchReport['two_model']['points'] = [];
  for (const lambda of sweep) {
    const policy = routedPolicy(
      `two-model λ=${lambda}`,
      'two-model',
      (query) => router.choose(query.prompt, lambda, [weak, strong]).model,
    );
    const result = summarise(policy, await runPolicy(policy, queries, pipeline, concurrency), strong);
    points.push({
      lambda,
      strong_share: result.strongest_share,
      accuracy: result.accuracy,
      cost_per_1k: result.cost_per_1k,
    });
  }
  const quality = (model: string) => mean(queries, (query) => query.outcomes.get(model)?.score ?? 0);
  const recovery = gapRecovery(
    points.map((point) => ({ strongShare: point.strong_share, quality: point.accuracy })),
    quality(weak),
    quality(strong),
  );
  return { weak, strong, ...recovery, points };
}

function skippedVerifiers(hasResponses: boolean): RoutingBenchReport['skipped_verifiers'] {
  const skipped = [
    { verifier: 'confidence', reason: 'the recorded outcomes hold no token logprobs' },
    {
      verifier: 'llm_judge',
      reason: 'a judge prompt is new text, and replay can only answer recorded prompts',
    },
    { verifier: 'grounded', reason: 'the queries carry no retrieved context' },
    { verifier: 'json_schema / regex / contains', reason: 'no task asks for a checkable output format' },
  ];
  if (!hasResponses) {
    skipped.unshift({
      verifier: 'self_consistency',
      reason: 'the dataset holds no response texts to compare',
    });
  }
  return skipped;
}

function mean<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0) / Math.max(1, items.length);
}
