import { z } from 'zod';
import { assertionConfigSchema } from '../../config/assertions.js';

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.string(),
});

/**
 * A prompt: a template string (sent as one user message), a list of messages with `{{var}}`
 * placeholders, or a managed prompt from the store by name with a label or version.
 */
export const evalPromptSchema = z.union([
  z.string().min(1),
  z.strictObject({
    id: z.string().min(1).optional(),
    raw: z.string().min(1).optional(),
    messages: z.array(message).min(1).optional(),
    /** A managed prompt's name. */
    prompt: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    version: z.number().int().min(1).optional(),
  }),
]);

/** A provider (variant): a model or route name, optionally with request parameters and a label. */
export const evalProviderSchema = z.union([
  z.string().min(1),
  z.strictObject({
    /** A model name (`provider/model`), an alias or a route name. */
    id: z.string().min(1),
    label: z.string().min(1).optional(),
    /** Request parameters: temperature, max_tokens, seed, metadata, … */
    config: z.record(z.string(), z.unknown()).default({}),
  }),
]);

const testSchema = z.strictObject({
  description: z.string().optional(),
  vars: z.record(z.string(), z.unknown()).default({}),
  /** The reference answer that `equals`, `f1`, `rouge-l`, `bleu`, `similar` and `numeric` use by default. */
  expected: z.string().optional(),
  assert: z.array(assertionConfigSchema).default([]),
});

/** The run's gates: the process fails when a variant's pass rate (or one metric's) is below them. */
const thresholdsSchema = z.strictObject({
  /** The share of tests each gated variant must pass (0..1). */
  pass_rate: z.number().min(0).max(1).optional(),
  /** Per assertion metric (its `metric`, else its type): the share of its checks that must pass. */
  metrics: z.record(z.string(), z.number().min(0).max(1)).default({}),
  /** The variants the gates apply to (their labels); all of them by default. */
  variants: z.array(z.string().min(1)).optional(),
});

/**
 * An eval file (`eval.yaml`), close to promptfoo's: prompts × providers are the variants, every test
 * (inline, from a stored dataset or a dataset file) is run against each, and its assertions score it.
 */
export const evalConfigSchema = z
  .strictObject({
    description: z.string().optional(),
    prompts: z.array(evalPromptSchema).default([]),
    providers: z.array(evalProviderSchema).min(1, 'name at least one provider (a model or route)'),
    defaultTest: z
      .strictObject({
        vars: z.record(z.string(), z.unknown()).default({}),
        assert: z.array(assertionConfigSchema).default([]),
        options: z
          .strictObject({
            /** The judge of `llm-rubric` assertions. */
            provider: z.string().min(1).optional(),
            /** The embedding model of `similar` assertions. */
            embedding_provider: z.string().min(1).optional(),
          })
          .default({}),
      })
      .default({ vars: {}, assert: [], options: {} }),
    tests: z.array(testSchema).default([]),
    /** A stored dataset, `name` or `name@version`. */
    dataset: z.string().min(1).optional(),
    /** A JSONL or CSV dataset file, relative to the eval file. */
    dataset_file: z.string().min(1).optional(),
    /** Calls in flight at once. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Stop starting calls once the run has spent this much (USD). */
    budget_usd: z.number().positive().optional(),
    thresholds: thresholdsSchema.default({ metrics: {} }),
  })
  .refine(
    (config) => config.tests.length > 0 || config.dataset !== undefined || config.dataset_file !== undefined,
    {
      message: 'give `tests`, a `dataset` or a `dataset_file`',
    },
  );

/** A validated eval file. */
export type EvalConfig = z.output<typeof evalConfigSchema>;
