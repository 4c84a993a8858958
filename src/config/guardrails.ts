import { z } from 'zod';
import { piiEntities, secretEntities } from '../core/guardrail-entities.js';
import { identifier } from './identifier.js';

const detectorsSchema = z
  .strictObject({
    pii: z
      .union([z.literal(true), z.array(z.enum(piiEntities)).min(1)], {
        error: `\`true\`, or a list of ${piiEntities.join(', ')}`,
      })
      .optional()
      .describe(`PII to find: \`true\` for every entity, or a list of ${piiEntities.join(', ')}.`),
    secrets: z
      .union([z.literal(true), z.array(z.enum(secretEntities)).min(1)], {
        error: `\`true\`, or a list of ${secretEntities.join(', ')}`,
      })
      .optional()
      .describe(`Secrets to find: \`true\` for every kind, or a list of ${secretEntities.join(', ')}.`),
    injection: z
      .strictObject({
        threshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe('The score (0..1) from which a text counts.'),
      })
      .optional()
      .describe('Prompt-injection and jailbreak heuristics.'),
    deny_list: z
      .array(z.string().min(1).max(1000))
      .min(1)
      .optional()
      .describe('Words or phrases matched whole and case-insensitively; `/…/` is a regular expression.'),
    topics: z
      .record(identifier(64), z.array(z.string().min(1)).min(1))
      .optional()
      .describe(
        'Topics as keyword lists: a topic is found when two of its keywords (or all, if fewer) occur.',
      ),
    json_schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Answers only: the answer must be JSON matching this JSON Schema.'),
    max_chars: z.number().int().positive().optional().describe('Text longer than this many characters.'),
  })
  .refine(
    (detectors) => Object.values(detectors).some((value) => value !== undefined),
    'name at least one detector',
  );

const ruleSchema = z
  .strictObject({
    name: identifier(64).describe("The rule's name: a blocked call's error and its trace name it."),
    detectors: detectorsSchema.describe('What the rule looks for.'),
    action: z
      .enum(['block', 'redact', 'mask', 'flag'])
      .describe(
        '`block` refuses (400 `guardrail_blocked`, or an error event in a stream); `redact` replaces each finding with `[ENTITY]`; `mask` with asterisks; `flag` only records the verdict.',
      ),
    reversible: z
      .boolean()
      .default(false)
      .describe('With `redact` on input: numbered placeholders, put back into the answer.'),
    on: z
      .array(z.enum(['input', 'output']))
      .min(1)
      .default(['input'])
      .describe('Where the rule applies: the prompt before the call, the answer after it (streams too).'),
    keys: z.array(z.string().min(1)).optional().describe('Only calls made with these key names.'),
    teams: z.array(z.string().min(1)).optional().describe('Only calls attributed to these teams.'),
    routes: z
      .array(z.string().min(1))
      .optional()
      .describe('Only calls to these models, aliases or route names (as requested).'),
  })
  .refine((rule) => !rule.reversible || rule.action === 'redact', {
    message: '`reversible` needs `action: redact`',
    path: ['reversible'],
  })
  .refine((rule) => rule.detectors.json_schema === undefined || !rule.on.includes('input'), {
    message: '`json_schema` checks answers; set `on: [output]`',
    path: ['on'],
  });

/** `guardrails:` in strata.yaml. */
export const guardrailsConfigSchema = z
  .strictObject({
    rules: z.array(ruleSchema).default([]).describe('Guardrail rules; none means no guardrail stage at all.'),
    stream_window_chars: z
      .number()
      .int()
      .min(64)
      .max(8192)
      .default(512)
      .describe(
        'Characters of a stream kept and re-checked with each chunk, so a secret split across chunks is caught.',
      ),
  })
  .refine((config) => new Set(config.rules.map((rule) => rule.name)).size === config.rules.length, {
    message: 'rule names must be unique',
    path: ['rules'],
  });

/** One validated guardrail rule. */
export type GuardrailRule = z.output<typeof ruleSchema>;
/** The validated `guardrails:` section. */
export type GuardrailsConfig = z.output<typeof guardrailsConfigSchema>;
