import { z } from 'zod';
import { type VerifierConfig, verifierConfigSchema } from './verifiers.js';

/** When a conditional rule applies; every field given must hold (an empty `when` always matches). */
export interface ConditionConfig {
  /** Request `metadata` entries that must all be equal. */
  metadata?: Record<string, string> | undefined;
  /** The caller's key id or key name (`master` for the master key), one of these. */
  key?: string[] | undefined;
  /** The request's `metadata.team`, one of these. */
  team?: string[] | undefined;
  /** At least one of these is among the request's `metadata.tags` (comma-separated). */
  tags?: string[] | undefined;
  /** The prompt's estimated token count lies within these bounds (inclusive). */
  prompt_tokens?: { min?: number | undefined; max?: number | undefined } | undefined;
  /** The request offers tools (true) or none (false). */
  tools?: boolean | undefined;
  /** A message carries an image (true) or none does (false). */
  images?: boolean | undefined;
  /** A regular expression the last user message must match. */
  last_user_message?: { pattern: string; flags?: string | undefined } | undefined;
}

/** One conditional rule: the first whose `when` holds picks `use`. */
export interface RuleConfig {
  when: ConditionConfig;
  use: PlanConfig;
}

/** Strategies that order a load-balanced set of targets; `learned` is trained from outcomes. */
export const balanceStrategies = [
  'weighted',
  'least_latency',
  'least_cost',
  'power_of_two',
  'learned',
] as const;

/** The name of a load-balancing strategy. */
export type BalanceStrategy = (typeof balanceStrategies)[number];

/** A load-balanced set: the strategy orders the targets; later ones are the fallbacks of earlier ones. */
export interface BalanceConfig {
  strategy: BalanceStrategy;
  targets: PlanConfig[];
  /** `learned`: the cost/quality knob, choosing argmax(quality - lambda * cost). */
  lambda?: number | undefined;
  /** `learned`: the name the trained router is stored under. */
  router?: string | undefined;
}

/** One cascade tier: its answer is judged by its verifiers, and the next tier runs when they reject it. */
export interface TierConfig {
  use: PlanConfig;
  verifiers: VerifierConfig[];
  /** Overrides every verifier's own threshold for this tier. */
  threshold?: number | undefined;
  /** Accept when every verifier passes (`all`) or when one does (`any`). */
  require: 'all' | 'any';
}

/**
 * A plan: exactly one of `model` (a model or another route, by name), `fallback`, `balance`, `rules` or
 * `cascade`. Wherever a plan is expected, a bare string is short for `{ model: <string> }`.
 */
export interface PlanConfig {
  model?: string | undefined;
  fallback?: PlanConfig[] | undefined;
  balance?: BalanceConfig | undefined;
  rules?: RuleConfig[] | undefined;
  /** Where `rules` go when none matches; without it such a request is refused. */
  default?: PlanConfig | undefined;
  cascade?: TierConfig[] | undefined;
  /** The share of traffic this plan gets as a `weighted` balance target (default 1). */
  weight?: number | undefined;
}

/** How a route behaves when attempts fail or stall. */
export interface RouteOptions {
  /** Gives up on one attempt after this long (to the first chunk when streaming). */
  timeout_ms?: number | undefined;
  /** Gives up on the whole route (every attempt, retry and tier) when it has no answer (a stream's first chunk) by then. */
  deadline_ms?: number | undefined;
  retries: { max: number; base_ms: number; max_ms: number; max_retry_after_ms: number };
  breaker: { enabled: boolean; failures: number; cooldown_ms: number };
  /** A second attempt started when the first has not answered by then; the first answer wins. */
  hedge?: { after_ms?: number | undefined; percentile?: number | undefined; min_samples: number } | undefined;
  /** What a stream that breaks after its first chunk does: end with an error event, or restart. */
  stream_fallback: 'error' | 'restart';
  /** A prompt too long for a candidate's context window goes to the next candidate. */
  context_window_fallback: boolean;
  /** A content-filter finish or an upstream policy refusal goes to the next candidate. */
  content_policy_fallback: boolean;
  /** Seeds the random choices of load balancing, for reproducible tests and benches. */
  seed?: number | undefined;
  /** Keeps the route's prompts and answers on its calls' traces. */
  capture_content?: boolean | undefined;
}

/** A named virtual model: a plan plus how it copes with failure. */
export type RouteConfig = PlanConfig & RouteOptions;

const planKeys = ['model', 'fallback', 'balance', 'rules', 'cascade'] as const;

const oneOrMany = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((value) => (typeof value === 'string' ? [value] : value));

const conditionSchema = z.strictObject({
  metadata: z
    .record(z.string(), z.string())
    .optional()
    .describe('Request `metadata` entries that must all be equal.'),
  key: oneOrMany
    .optional()
    .describe("The caller's key id or key name (`master` for the master key), one of these."),
  team: oneOrMany.optional().describe("The caller's team, one of these."),
  tags: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("At least one of these is among the request's `metadata.tags`."),
  prompt_tokens: z
    .strictObject({
      min: z.number().int().min(0).optional().describe('The fewest prompt tokens (estimated).'),
      max: z.number().int().min(0).optional().describe('The most prompt tokens (estimated).'),
    })
    .optional(),
  tools: z.boolean().optional().describe('The request offers tools (true) or none (false).'),
  images: z.boolean().optional().describe('A message carries an image (true) or none does (false).'),
  last_user_message: z
    .preprocess((value) => (typeof value === 'string' ? { pattern: value } : value), regexSchema())
    .optional()
    .describe('A regular expression the last user message must match.'),
});

function regexSchema() {
  return z
    .strictObject({
      pattern: z.string().min(1).describe('A regular expression.'),
      flags: z.string().optional().describe('Its flags, e.g. `i`.'),
    })
    .refine((value) => compiles(value.pattern, value.flags), 'not a valid regular expression');
}

function compiles(pattern: string, flags: string | undefined): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

/** A plan wherever one is expected: a string is shorthand for `{ model: <string> }`. */
const stepSchema: z.ZodType<PlanConfig, unknown> = z.preprocess(
  (value) => (typeof value === 'string' ? { model: value } : value),
  z.lazy(() => planSchema),
);

const planFields = {
  model: z.string().min(1).optional().describe('One model or another route, by name.'),
  fallback: z
    .array(stepSchema)
    .min(1)
    .optional()
    .describe('Candidates tried in order: the next answers when one fails.'),
  balance: z
    .strictObject({
      strategy: z
        .enum(balanceStrategies)
        .default('weighted')
        .describe('How the targets are ordered for each call.'),
      targets: z
        .array(stepSchema)
        .min(1)
        .describe('The plans balanced over; later ones are the fallbacks of earlier ones.'),
      lambda: z
        .number()
        .min(0)
        .optional()
        .describe('`learned`: the cost/quality knob, choosing argmax(quality - lambda * cost).'),
      router: z
        .string()
        .min(1)
        .optional()
        .describe('`learned`: the name the trained router is stored under.'),
    })
    .optional(),
  rules: z
    .array(
      z.strictObject({
        when: conditionSchema.describe('Every condition given must hold.'),
        use: stepSchema.describe('The plan used when `when` holds.'),
      }),
    )
    .min(1)
    .optional()
    .describe('Conditional rules; the first whose `when` holds picks `use`.'),
  default: stepSchema
    .optional()
    .describe('Where `rules` go when none matches; without it such a request is refused.'),
  cascade: z
    .array(
      z.strictObject({
        use: stepSchema.describe('The plan that answers in this tier.'),
        verifiers: z
          .array(verifierConfigSchema)
          .default([])
          .describe("The checks this tier's answer must pass."),
        threshold: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe("Overrides every verifier's own threshold for this tier."),
        require: z
          .enum(['all', 'any'])
          .default('all')
          .describe('Accept when every verifier passes (`all`) or when one does (`any`).'),
      }),
    )
    .min(1)
    .optional()
    .describe('Tiers tried cheapest first; a tier whose answer its verifiers reject escalates to the next.'),
  weight: z
    .number()
    .positive()
    .optional()
    .describe('The share of traffic this plan gets as a `weighted` balance target (default 1).'),
};

/** Exactly one plan kind per plan object; `default` belongs to `rules`. */
function checkPlan(plan: PlanConfig, context: z.RefinementCtx): void {
  const kinds = planKeys.filter((key) => plan[key] !== undefined);
  if (kinds.length !== 1) {
    context.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? `give one of ${planKeys.join(', ')} (a plan says which model or models serve the route)`
          : `give only one of ${kinds.join(', ')} in one plan; nest plans to combine them`,
    });
  }
  if (plan.default !== undefined && plan.rules === undefined) {
    context.addIssue({ code: 'custom', path: ['default'], message: '`default` only goes with `rules`' });
  }
}

const planSchema: z.ZodType<PlanConfig, unknown> = z.strictObject(planFields).superRefine(checkPlan);

const routeOptionsFields = {
  timeout_ms: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Gives up on one attempt after this long (to the first chunk when streaming).'),
  deadline_ms: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Gives up on the whole route (every attempt, retry and tier) when it has no answer by then.'),
  retries: z
    .strictObject({
      max: z
        .number()
        .int()
        .min(0)
        .max(10)
        .default(1)
        .describe('Retries of one candidate on a retryable error, before moving to the next.'),
      base_ms: z
        .number()
        .int()
        .min(0)
        .default(200)
        .describe('The first backoff delay (exponential, full jitter).'),
      max_ms: z.number().int().min(0).default(5_000).describe('The longest backoff delay.'),
      max_retry_after_ms: z
        .number()
        .int()
        .min(0)
        .default(10_000)
        .describe('A Retry-After longer than this moves to the next candidate instead of waiting.'),
    })
    .prefault({}),
  breaker: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Circuit breakers per provider/model.'),
      failures: z
        .number()
        .int()
        .positive()
        .default(5)
        .describe("Consecutive failures that open a provider/model's breaker."),
      cooldown_ms: z
        .number()
        .int()
        .positive()
        .default(30_000)
        .describe('How long an open breaker refuses calls before one probe is let through.'),
    })
    .prefault({}),
  hedge: z
    .strictObject({
      after_ms: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Start a second attempt on the next candidate when the first has not answered by then.'),
      percentile: z
        .number()
        .gt(0)
        .lt(100)
        .optional()
        .describe("Hedge after this percentile (e.g. 95) of the candidate's recent latencies."),
      min_samples: z
        .number()
        .int()
        .positive()
        .default(20)
        .describe('Latencies needed before the percentile is trusted; until then `after_ms`, or no hedge.'),
    })
    .refine((hedge) => hedge.after_ms !== undefined || hedge.percentile !== undefined, {
      message: 'set after_ms, percentile or both',
    })
    .optional(),
  stream_fallback: z
    .enum(['error', 'restart'])
    .default('error')
    .describe(
      'What a stream that breaks after its first chunk does: end with an error event, or restart visibly.',
    ),
  context_window_fallback: z
    .boolean()
    .default(true)
    .describe("A prompt too long for a candidate's context window goes to the next candidate."),
  content_policy_fallback: z
    .boolean()
    .default(true)
    .describe('A content-filter finish or an upstream policy refusal goes to the next candidate.'),
  seed: z
    .number()
    .int()
    .optional()
    .describe('Seeds the random choices of load balancing, for reproducible runs.'),
  capture_content: z
    .boolean()
    .optional()
    .describe(
      "Keep the route's prompts and answers on its calls' traces, whatever `observability.capture_content` says.",
    ),
};

/** One `routes:` entry: a plan plus its resilience options. */
export const routeConfigSchema: z.ZodType<RouteConfig, unknown> = z
  .strictObject({ ...planFields, ...routeOptionsFields })
  .superRefine(checkPlan);

/** The `routes:` section: virtual model names, each mapped to a route. */
export const routesSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, ., _, :, and -'),
    routeConfigSchema,
  )
  .default({});

/** The validated `routes:` section. */
export type RoutesConfig = Record<string, RouteConfig>;
