import { z } from 'zod';

/** Every assertion type; each may also be written with a `not-` prefix to invert it. */
export const assertionTypes = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'regex',
  'is-json',
  'numeric',
  'f1',
  'rouge-l',
  'bleu',
  'similar',
  'cost',
  'latency',
  'grounded',
  'context-faithfulness',
  'citations',
  'is-refusal',
  'llm-rubric',
  'javascript',
] as const;

/** An assertion type without its `not-` prefix. */
export type AssertionType = (typeof assertionTypes)[number];

const typePattern = new RegExp(`^(not-)?(${assertionTypes.join('|')})$`);

/**
 * One check of an answer, in the shape promptfoo's `assert` entries have: a `type`, a `value` (strings
 * may use `{{var}}` placeholders; absent, reference-based types use the item's expected output) and a
 * `threshold` (a score for similarity and judges, USD for `cost`, milliseconds for `latency`).
 */
export const assertionConfigSchema = z.strictObject({
  type: z
    .string()
    .regex(typePattern, `must be one of ${assertionTypes.join(', ')}, optionally prefixed with not-`)
    .describe('The check, e.g. `icontains`, `llm-rubric`, `not-is-refusal` (see docs/evaluation.md).'),
  value: z.unknown().optional().describe('What to check against: text, a list, a schema, a rubric or code.'),
  threshold: z
    .number()
    .min(0)
    .optional()
    .describe('The score to reach; USD for `cost`, milliseconds for `latency`.'),
  weight: z.number().min(0).default(1).describe("Its weight in the test's score."),
  metric: z
    .string()
    .min(1)
    .optional()
    .describe('The name results are grouped and gated by; the type by default.'),
  flags: z.string().optional().describe('`regex`: flags such as `i`.'),
  tolerance: z.number().min(0).optional().describe('`numeric`: the absolute difference allowed.'),
  provider: z
    .string()
    .min(1)
    .optional()
    .describe('`llm-rubric`: the judge model; `similar`: the embedding model.'),
  repeat: z
    .number()
    .int()
    .min(1)
    .max(25)
    .optional()
    .describe('`llm-rubric`: how many times the judge grades.'),
  pass_rate: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('`llm-rubric`: the share of judge runs that must pass.'),
  seed: z.number().int().optional().describe('`llm-rubric`: the seed of the first run; run i uses seed + i.'),
  timeout_ms: z
    .number()
    .int()
    .min(1)
    .max(60_000)
    .optional()
    .describe('`javascript`: how long the code may run.'),
});

/** A validated assertion entry. */
export type AssertionConfig = z.output<typeof assertionConfigSchema>;

/** Splits `not-contains` into its base type and whether it is inverted. */
export function parseAssertionType(type: string): { base: AssertionType; inverted: boolean } {
  const match = typePattern.exec(type);
  if (!match) throw new Error(`unknown assertion type ${type}`);
  return { base: match[2] as AssertionType, inverted: match[1] !== undefined };
}
