import { z } from 'zod';
import { identifier } from './identifier.js';

/** Request parameters a variant may override; the rest of the request is the caller's. */
export const variantParamsSchema = z
  .strictObject({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().min(1).max(1_000_000).optional(),
    max_completion_tokens: z.number().int().min(1).max(1_000_000).optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    seed: z.number().int().optional(),
    reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  })
  .describe('Request parameters this variant sets, overriding what the caller sent.');

/** One arm of an experiment: where its calls go and what they change. */
export const variantSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
    .describe('The variant name, recorded on each request it serves.'),
  weight: z.number().positive().max(1000).default(1).describe('Its share of the assigned traffic.'),
  model: identifier(200).optional().describe('The model or route name its calls are sent to.'),
  params: variantParamsSchema.optional(),
});

/** An A/B experiment over one model or route name's traffic. */
export const experimentSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
      .describe('The experiment id: lower case letters, digits, `-` and `_`.'),
    target: identifier(200).describe('The model or route name whose calls are split.'),
    unit: z
      .enum(['user', 'key', 'session'])
      .default('user')
      .describe(
        'What keeps a caller on one variant: the end user (`user` / `x-strata-end-user`), the key, or the session.',
      ),
    variants: z.array(variantSchema).min(2).max(10).describe('The arms; the first is the control.'),
    holdout: z
      .number()
      .min(0)
      .max(0.9)
      .default(0)
      .describe('The share of units kept on the original path, outside every variant.'),
    horizon: z
      .number()
      .int()
      .min(10)
      .max(100_000_000)
      .describe(
        'Outcomes per variant before the result is read: a fixed horizon, set in advance, so peeking cannot inflate false positives.',
      ),
  })
  .refine(
    (experiment) =>
      new Set(experiment.variants.map((variant) => variant.name)).size === experiment.variants.length,
    { message: 'variant names must be unique', path: ['variants'] },
  );

/** The `value:` section: outcomes, savings baselines and A/B experiments. */
export const valueConfigSchema = z.strictObject({
  webhook_secret: z
    .string()
    .min(16)
    .optional()
    .describe(
      'The HMAC-SHA256 secret of `POST /v1/outcomes/webhook` (`x-strata-signature: sha256=<hex>` over the raw body); unset, the webhook is off.',
    ),
  baseline_model: identifier(200)
    .optional()
    .describe(
      'The model routing savings are measured against: what the same tokens would have cost on it, at catalog prices.',
    ),
  experiments: z
    .array(experimentSchema)
    .default([])
    .describe('A/B experiments started at boot, beside those created through the admin API.'),
  sync_interval_seconds: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(10)
    .describe('How often each replica reloads experiments started or stopped through the API.'),
});

/** One validated experiment. */
export type ExperimentConfig = z.output<typeof experimentSchema>;
/** One validated variant. */
export type VariantConfig = z.output<typeof variantSchema>;
