import { z } from 'zod';

/** The score (0..1) a verdict must reach to pass; each verifier kind has its own default. */
const threshold = z
  .number()
  .min(0)
  .max(1)
  .optional()
  .describe('The score (0..1) a verdict must reach to pass; each verifier kind has its own default.');

/**
 * How one answer is checked before a cascade accepts it. Every kind returns a score and a reason; the
 * answer passes when the score reaches `threshold`.
 */
export const verifierConfigSchema = z.discriminatedUnion('type', [
  /** The answer parses as JSON and, when `schema` is given, validates against it. */
  z.strictObject({
    type: z.literal('json_schema'),
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A JSON Schema the parsed answer must satisfy.'),
    threshold,
  }),
  /** The answer matches a regular expression. */
  z.strictObject({
    type: z.literal('regex'),
    pattern: z.string().min(1).describe('The regular expression the answer must match.'),
    flags: z.string().optional().describe('Its flags, e.g. `i`.'),
    threshold,
  }),
  /** The answer contains every (`all`) or one (`any`) of the strings, case-insensitively unless told. */
  z.strictObject({
    type: z.literal('contains'),
    values: z.array(z.string().min(1)).min(1).describe('The strings to look for.'),
    mode: z.enum(['all', 'any']).default('all').describe('Every value (`all`) or one (`any`) must occur.'),
    case_sensitive: z.boolean().default(false).describe('Match case exactly.'),
    threshold,
  }),
  /** Other answers to the same request (more samples, or other models) agree after normalisation. */
  z.strictObject({
    type: z.literal('self_consistency'),
    models: z.array(z.string().min(1)).optional().describe('Other models whose answers must agree.'),
    samples: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(1)
      .describe('More answers of the same model that must agree.'),
    threshold,
  }),
  /** The mean token probability of the answer, where the provider returns logprobs. */
  z.strictObject({ type: z.literal('confidence'), threshold }),
  /** A model grades the answer against a rubric, through the pipeline and accounted. */
  z.strictObject({
    type: z.literal('llm_judge'),
    model: z.string().min(1).describe('The judge model.'),
    rubric: z.string().min(1).describe('What the judge grades the answer against.'),
    threshold,
  }),
  /** Each answer sentence is supported by the retrieved context. */
  z.strictObject({ type: z.literal('grounded'), threshold }),
  /** A function exported by a JavaScript module: `(input) => ({ score, reason })` or a promise of it. */
  z.strictObject({
    type: z.literal('custom'),
    module: z.string().min(1).describe('The JavaScript module exporting `(input) => ({ score, reason })`.'),
    export: z.string().min(1).default('default').describe('The export to call.'),
    threshold,
  }),
]);

export type VerifierConfig = z.output<typeof verifierConfigSchema>;
