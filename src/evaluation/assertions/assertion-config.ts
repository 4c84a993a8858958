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
    .regex(typePattern, `must be one of ${assertionTypes.join(', ')}, optionally prefixed with not-`),
  value: z.unknown().optional(),
  threshold: z.number().min(0).optional(),
  weight: z.number().min(0).default(1),
  metric: z.string().min(1).optional(),
  /** `regex`: flags such as `i`. */
  flags: z.string().optional(),
  /** `numeric`: the absolute difference allowed. */
  tolerance: z.number().min(0).optional(),
  /** `llm-rubric`: the judge model; `similar`: the embedding model. */
  provider: z.string().min(1).optional(),
  /** `llm-rubric`: how many times the judge grades the answer. */
  repeat: z.number().int().min(1).max(25).optional(),
  /** `llm-rubric`: the share of judge runs that must pass. */
  pass_rate: z.number().min(0).max(1).optional(),
  /** `llm-rubric`: the seed of the first run; run i uses seed + i. */
  seed: z.number().int().optional(),
  /** `javascript`: how long the code may run. */
  timeout_ms: z.number().int().min(1).max(60_000).optional(),
});

/** A validated assertion entry. */
export type AssertionConfig = z.output<typeof assertionConfigSchema>;

/** Splits `not-contains` into its base type and whether it is inverted. */
export function parseAssertionType(type: string): { base: AssertionType; inverted: boolean } {
  const match = typePattern.exec(type);
  if (!match) throw new Error(`unknown assertion type ${type}`);
  return { base: match[2] as AssertionType, inverted: match[1] !== undefined };
}
