import type { ChatRequest, ChatResponse } from '../../core/types.js';
import { answerText, describeError } from '../../routing/verifiers/verdict.js';
import type { AssertionContext } from '../assertions/assertion.js';
import { type EvalCase, requestFor, type Variant } from './plan.js';

/** What a call of an experiment is tagged with, in the ledger, the request log and the trace. */
export interface CallTag {
  experimentId: string;
  variant: string;
  /** The managed prompt version the call used. */
  prompt?: { name: string; version: number } | undefined;
}

/** Where an experiment's calls go: the stack's pipeline, so they are priced, logged and traced. */
export interface EvalTarget {
  chat(
    request: ChatRequest,
    tag: CallTag,
    signal: AbortSignal,
  ): Promise<{ response: ChatResponse; costUsd: number | null; requestId: string }>;
  /** The context assertions use for judge calls, groundedness and embeddings, tagged the same way. */
  assertionContext(tag: CallTag, signal: AbortSignal): AssertionContext;
  /** Everything this target has spent so far, judges included (USD). */
  spentUsd(): number;
}

/** One assertion's verdict as kept with a result. */
export interface AssertionResult {
  type: string;
  metric: string;
  score: number;
  pass: boolean;
  reason: string;
}

/** One case answered by one variant. */
export interface ItemResult {
  key: string;
  variant: string;
  requestId: string | null;
  output: string;
  /** The weighted mean of the assertion scores (1 with no assertions, 0 on error). */
  score: number;
  /** True when every assertion passed and the call did not fail. */
  pass: boolean;
  costUsd: number | null;
  latencyMs: number;
  assertions: AssertionResult[];
  error: string | null;
}

/** A run to make: its id, variants, cases and limits. */
export interface ExperimentPlan {
  id: string;
  variants: readonly Variant[];
  cases: readonly EvalCase[];
  concurrency: number;
  budgetUsd?: number | undefined;
}

/** How a run ended: `stopped` when the budget cap or a signal cut it short. */
export interface ExperimentRun {
  status: 'finished' | 'stopped';
  stopReason?: string | undefined;
  results: ItemResult[];
  spentUsd: number;
}

/**
 * Runs every case against every variant through the target, `concurrency` calls at a time, and scores
 * each answer with its case's assertions. Once the run has spent its budget no new call starts; the
 * cases left are reported as not run.
 */
export async function runExperiment(
  plan: ExperimentPlan,
  target: EvalTarget,
  options: {
    signal?: AbortSignal;
    onResult?: (result: ItemResult, done: number, total: number) => void;
  } = {},
): Promise<ExperimentRun> {
  const signal = options.signal ?? new AbortController().signal;
  const tasks = plan.cases.flatMap((testCase) => plan.variants.map((variant) => ({ testCase, variant })));
  const results: ItemResult[] = [];
  let next = 0;
  let stopReason: string | undefined;
  const worker = async () => {
    while (next < tasks.length) {
      if (signal.aborted) stopReason ??= 'the run was cancelled';
      if (plan.budgetUsd !== undefined && target.spentUsd() >= plan.budgetUsd)
        stopReason ??= `the run reached its budget of $${plan.budgetUsd}`;
      if (stopReason !== undefined) return;
      const task = tasks[next++];
      if (task === undefined) return;
      const result = await runOne(plan.id, task.variant, task.testCase, target, signal);
      results.push(result);
      options.onResult?.(result, results.length, tasks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, Math.max(tasks.length, 1)) }, worker));
  const order = new Map(
    tasks.map((task, index) => [`${task.testCase.key}\u0000${task.variant.label}`, index]),
  );
  results.sort(
    (a, b) => (order.get(`${a.key}\u0000${a.variant}`) ?? 0) - (order.get(`${b.key}\u0000${b.variant}`) ?? 0),
  );
  return {
    status: stopReason === undefined ? 'finished' : 'stopped',
    ...(stopReason !== undefined && { stopReason }),
    results,
    spentUsd: target.spentUsd(),
  };
}

async function runOne(
  experimentId: string,
  variant: Variant,
  testCase: EvalCase,
  target: EvalTarget,
  signal: AbortSignal,
): Promise<ItemResult> {
  const tag: CallTag = { experimentId, variant: variant.label, prompt: variant.prompt?.managed };
  const started = performance.now();
  const base = { key: testCase.key, variant: variant.label };
  let request: ChatRequest;
  let answered: Awaited<ReturnType<EvalTarget['chat']>>;
  try {
    request = requestFor(variant, testCase);
    answered = await target.chat(request, tag, signal);
  } catch (error) {
    return {
      ...base,
      requestId: null,
      output: '',
      score: 0,
      pass: false,
      costUsd: null,
      latencyMs: performance.now() - started,
      assertions: [],
      error: describeError(error),
    };
  }
  const latencyMs = performance.now() - started;
  const output = answerText(answered.response);
  const subject = {
    output,
    request,
    response: answered.response,
    expected: testCase.expected,
    vars: testCase.vars,
    costUsd: answered.costUsd,
    latencyMs,
  };
  const context = target.assertionContext(tag, signal);
  const assertions: AssertionResult[] = [];
  for (const assertion of testCase.assertions) {
    const verdict = await assertion.evaluate(subject, context);
    assertions.push({ type: assertion.type, metric: assertion.metric, ...verdict });
  }
  const weights = testCase.assertions.reduce((total, assertion) => total + assertion.weight, 0);
  const score =
    weights === 0
      ? assertions.every((assertion) => assertion.pass)
        ? 1
        : 0
      : testCase.assertions.reduce(
          (total, assertion, index) => total + assertion.weight * (assertions[index]?.score ?? 0),
          0,
        ) / weights;
  return {
    ...base,
    requestId: answered.requestId,
    output,
    score,
    pass: assertions.every((assertion) => assertion.pass),
    costUsd: answered.costUsd,
    latencyMs,
    assertions,
    error: null,
  };
}
