import { z } from 'zod';

/** The score (0..1) a verdict must reach to pass; each verifier kind has its own default. */
const threshold = z.number().min(0).max(1).optional();

/**
 * How one answer is checked before a cascade accepts it. Every kind returns a score and a reason; the
 * answer passes when the score reaches `threshold`.
 */
export const verifierConfigSchema = z.discriminatedUnion('type', [
  /** The answer parses as JSON and, when `schema` is given, validates against it. */
  z.strictObject({
    type: z.literal('json_schema'),
    schema: z.record(z.string(), z.unknown()).optional(),
    threshold,
  }),
  /** The answer matches a regular expression. */
  z.strictObject({
    type: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z.string().optional(),
    threshold,
  }),
  /** The answer contains every (`all`) or one (`any`) of the strings, case-insensitively unless told. */
  z.strictObject({
    type: z.literal('contains'),
    values: z.array(z.string().min(1)).min(1),
    mode: z.enum(['all', 'any']).default('all'),
    case_sensitive: z.boolean().default(false),
    threshold,
  }),
  /** Other answers to the same request (more samples, or other models) agree after normalisation. */
  z.strictObject({
    type: z.literal('self_consistency'),
    models: z.array(z.string().min(1)).optional(),
    samples: z.number().int().min(1).max(8).default(1),
    threshold,
  }),
  /** The mean token probability of the answer, where the provider returns logprobs. */
  z.strictObject({ type: z.literal('confidence'), threshold }),
  /** A model grades the answer against a rubric, through the pipeline and accounted. */
  z.strictObject({
    type: z.literal('llm_judge'),
    model: z.string().min(1),
    rubric: z.string().min(1),
    threshold,
  }),
  /** Each answer sentence is supported by the retrieved context. */
  z.strictObject({ type: z.literal('grounded'), threshold }),
  /** A function exported by a JavaScript module: `(input) => ({ score, reason })` or a promise of it. */
  z.strictObject({
    type: z.literal('custom'),
    module: z.string().min(1),
    export: z.string().min(1).default('default'),
    threshold,
  }),
]);

export type VerifierConfig = z.output<typeof verifierConfigSchema>;
