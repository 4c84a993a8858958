import { z } from 'zod';
import { assertionConfigSchema } from './assertions.js';
import { identifier } from './identifier.js';

/**
 * Online evaluation: a sampled share of live calls is scored off the request path by assertions, the
 * verdicts land as scores on the request and `gen_ai.evaluation.result` events on its trace, and an
 * alert is raised when the pass rate drops.
 */
export const onlineEvaluationSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Score a sample of live traffic; off by default.'),
    sample_rate: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe('The share of calls scored, chosen by a hash of the request id so every replica agrees.'),
    assertions: z
      .array(assertionConfigSchema)
      .default([{ type: 'not-is-refusal', weight: 1 }])
      .describe('The assertions each sampled call is scored with (the types `strata eval run` takes).'),
    judge: identifier()
      .optional()
      .describe('The judge model of `llm-rubric` assertions; its calls go through the pipeline.'),
    interval_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(15)
      .describe('How often new calls are picked up; one replica at a time does it.'),
    endpoints: z
      .array(z.string().min(1))
      .default(['/v1/chat/completions', '/v1/messages', '/v1/completions'])
      .describe('The endpoints whose calls are sampled.'),
    alert: z
      .strictObject({
        min_pass_rate: z.number().min(0).max(1).default(0.8).describe('Alert below this pass rate.'),
        window_minutes: z
          .number()
          .int()
          .min(1)
          .max(10_080)
          .default(60)
          .describe('The window the rate is over.'),
        min_samples: z.number().int().min(1).default(20).describe('Scored calls the window needs first.'),
      })
      .prefault({})
      .describe('When a drop in the online pass rate raises an alert (kind `evaluation_pass_rate_dropped`).'),
  })
  .prefault({});

/** The `evaluation` section. */
export const evaluationConfigSchema = z
  .strictObject({ online: onlineEvaluationSchema })
  .prefault({})
  .describe('The evaluation layer: online scoring of live traffic.');
