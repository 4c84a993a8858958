import { type AssertionConfig, type AssertionType, parseAssertionType } from '../../config/assertions.js';
import { StrataError } from '../../core/errors.js';
import { renderTemplate } from '../../core/render-template.js';
import { createContainsVerifier } from '../../routing/verifiers/contains.js';
import { createCustomVerifier } from '../../routing/verifiers/custom.js';
import { createGroundedVerifier } from '../../routing/verifiers/grounded.js';
import { createJsonSchemaVerifier } from '../../routing/verifiers/json-schema.js';
import { createRegexVerifier } from '../../routing/verifiers/regex.js';
import { clip, describeError, verdict } from '../../routing/verifiers/verdict.js';
import type { Verifier } from '../../routing/verifiers/verifier.js';
import type { Assertion, AssertionContext, AssertionSubject, Verdict } from './assertion.js';
import { checkCitationValidity } from './citations.js';
import { runJavascriptAssertion } from './javascript.js';
import { judgeWithRubric } from './llm-rubric.js';
import { refusalReason } from './refusal.js';
import { bleu, cosine, rougeL, tokenF1 } from './text-metrics.js';

/** Settings shared by every assertion of a run. */
export interface AssertionDefaults {
  /** The judge of `llm-rubric` assertions that name no `provider`. */
  judge?: string;
  /** Where `file://` modules of `javascript` assertions are resolved from. */
  baseDirectory?: string;
}

type Evaluate = (subject: AssertionSubject, context: AssertionContext) => Promise<Verdict>;

/** The score each kind must reach by default (cost and latency thresholds are ceilings, not scores). */
const defaultThresholds: Partial<Record<AssertionType, number>> = {
  f1: 0.5,
  'rouge-l': 0.5,
  bleu: 0.3,
  similar: 0.8,
  grounded: 0.7,
  'context-faithfulness': 0.7,
  citations: 1,
  'llm-rubric': 0.7,
  javascript: 0.5,
};

/**
 * Builds one assertion. Kinds the routing layer's verifiers already check (contains, regex, JSON schema,
 * groundedness, judges, custom modules) run through those verifiers, so a cascade and an eval grade an
 * answer the same way. A bad entry throws `config_invalid` naming the fix.
 */
export function createAssertion(config: AssertionConfig, defaults: AssertionDefaults = {}): Assertion {
  const { base, inverted } = parseAssertionType(config.type);
  const evaluate = evaluatorOf(base, config, defaults);
  return {
    type: config.type,
    metric: config.metric ?? config.type,
    weight: config.weight,
    async evaluate(subject, context) {
      let result: Verdict;
      try {
        result = await evaluate(subject, context);
      } catch (error) {
        if (context.signal.aborted) throw error;
        result = verdict(0, 1, `${config.type} could not be checked: ${describeError(error)}`);
      }
      if (!inverted) return result;
      return { score: 1 - result.score, pass: !result.pass, reason: `not: ${result.reason}` };
    },
  };
}

function evaluatorOf(type: AssertionType, config: AssertionConfig, defaults: AssertionDefaults): Evaluate {
  const threshold = config.threshold ?? defaultThresholds[type] ?? 1;
  const text = (subject: AssertionSubject) => textValue(config, subject);
  switch (type) {
    case 'equals':
      return async (subject) => equalsVerdict(subject, config.value);
    case 'contains':
    case 'icontains':
    case 'contains-any':
    case 'contains-all':
    case 'icontains-any':
    case 'icontains-all':
      return (subject, context) =>
        viaVerifier(
          createContainsVerifier({
            type: 'contains',
            values: stringsOf(config, subject),
            mode: type.endsWith('-any') ? 'any' : 'all',
            case_sensitive: !type.startsWith('i'),
            threshold: config.threshold ?? 1,
          }),
          subject,
          context,
        );
    case 'regex': {
      if (typeof config.value !== 'string') throw invalid(config, 'needs `value`: the pattern');
      const verifier = createRegexVerifier({
        type: 'regex',
        pattern: config.value,
        threshold: 1,
        ...(config.flags !== undefined && { flags: config.flags }),
      });
      return (subject, context) => viaVerifier(verifier, subject, context);
    }
    case 'is-json': {
      const schema = config.value;
      if (schema !== undefined && (typeof schema !== 'object' || schema === null || Array.isArray(schema)))
        throw invalid(config, '`value` must be a JSON Schema object');
      const verifier = createJsonSchemaVerifier({
        type: 'json_schema',
        threshold: 1,
        ...(schema !== undefined && { schema: schema as Record<string, unknown> }),
      });
      return (subject, context) => viaVerifier(verifier, subject, context);
    }
    case 'numeric':
      return async (subject) => numericVerdict(subject, text(subject), config.tolerance ?? 0);
    case 'f1':
      return async (subject) => similarity('token F1', tokenF1(subject.output, text(subject)), threshold);
    case 'rouge-l':
      return async (subject) => similarity('ROUGE-L', rougeL(subject.output, text(subject)), threshold);
    case 'bleu':
      return async (subject) => similarity('BLEU', bleu(subject.output, text(subject)), threshold);
    case 'similar':
      return async (subject, context) => {
        if (!context.embed)
          return verdict(0, threshold, 'embedding similarity needs an embedding model (set `provider`)');
        const [a, b] = await context.embed([subject.output, text(subject)]);
        return similarity('embedding cosine', cosine(a ?? [], b ?? []), threshold);
      };
    case 'cost':
      return async (subject) =>
        ceiling('cost', subject.costUsd, threshold, (value) => `$${value.toFixed(6)}`);
    case 'latency':
      return async (subject) =>
        ceiling('latency', subject.latencyMs, threshold, (value) => `${Math.round(value)} ms`);
    case 'grounded':
    case 'context-faithfulness': {
      const verifier = createGroundedVerifier({ type: 'grounded', threshold });
      return (subject, context) => viaVerifier(verifier, subject, context);
    }
    case 'citations':
      return (subject) => checkCitationValidity(subject.output, subject.request, subject.vars, threshold);
    case 'is-refusal':
      return async (subject) => {
        const reason = refusalReason(subject.output, subject.response.choices[0]?.message.refusal);
        return reason
          ? verdict(1, 1, reason)
          : verdict(0, 1, `the answer does not refuse: "${clip(subject.output)}"`);
      };
    case 'llm-rubric': {
      if (typeof config.value !== 'string') throw invalid(config, 'needs `value`: the rubric');
      const model = config.provider ?? defaults.judge;
      if (model === undefined)
        throw invalid(config, 'needs a judge: `provider` on the assertion or `defaultTest.options.provider`');
      const settings = {
        rubric: config.value,
        model,
        threshold,
        repeat: config.repeat ?? 1,
        passRate: config.pass_rate ?? 1,
        seed: config.seed ?? 0,
      };
      return (subject, context) =>
        judgeWithRubric(
          { ...settings, rubric: renderTemplate(settings.rubric, subject.vars) },
          subject,
          context,
        );
    }
    case 'javascript': {
      if (typeof config.value !== 'string') throw invalid(config, 'needs `value`: code or file://module.mjs');
      const code = config.value;
      if (code.startsWith('file://')) {
        const [module = '', name = 'default'] = code.slice('file://'.length).split(':');
        const verifier = createCustomVerifier(
          { type: 'custom', module, export: name, threshold },
          defaults.baseDirectory,
        );
        return (subject, context) => viaVerifier(verifier, subject, context);
      }
      return (subject) => runJavascriptAssertion(code, subject, threshold, config.timeout_ms ?? 1000);
    }
  }
}

function viaVerifier(verifier: Verifier, subject: AssertionSubject, context: AssertionContext) {
  return verifier.verify(subject.request, subject.response, context);
}

function invalid(config: AssertionConfig, fix: string): StrataError {
  return new StrataError('config_invalid', `The ${config.type} assertion ${fix}.`, { param: 'assert' });
}

/** The assertion's value as text with `{{var}}` filled in, or the item's expected output. */
function textValue(config: AssertionConfig, subject: AssertionSubject): string {
  const value = config.value ?? subject.expected ?? '';
  return typeof value === 'string' ? renderTemplate(value, subject.vars) : JSON.stringify(value);
}

function stringsOf(config: AssertionConfig, subject: AssertionSubject): string[] {
  const value = config.value ?? subject.expected;
  const list = Array.isArray(value) ? value : [value];
  const strings = list
    .filter((item) => item !== undefined && item !== null)
    .map((item) => renderTemplate(String(item), subject.vars));
  if (strings.length === 0 || strings.some((item) => item === ''))
    throw invalid(config, 'needs `value`: a non-empty string or list of strings');
  return strings;
}

function equalsVerdict(subject: AssertionSubject, value: unknown): Verdict {
  if (typeof value === 'object' && value !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(subject.output);
    } catch {
      return verdict(0, 1, 'the answer is not JSON, so it cannot equal the expected object');
    }
    const same = JSON.stringify(sortKeys(parsed)) === JSON.stringify(sortKeys(value));
    return verdict(
      same ? 1 : 0,
      1,
      same ? 'the JSON equals the expected value' : 'the JSON differs from the expected value',
    );
  }
  const wanted = value === undefined ? (subject.expected ?? '') : renderTemplate(String(value), subject.vars);
  const same = subject.output.trim() === wanted.trim();
  return verdict(
    same ? 1 : 0,
    1,
    same
      ? 'the answer equals the expected text'
      : `expected "${clip(wanted)}", got "${clip(subject.output)}"`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortKeys(item)]),
  );
}

function numericVerdict(subject: AssertionSubject, wanted: string, tolerance: number): Verdict {
  const target = Number(wanted.replace(/[,\s]/g, ''));
  if (!Number.isFinite(target)) return verdict(0, 1, `the expected value "${clip(wanted)}" is not a number`);
  const found = /-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?|-?\.\d+/i.exec(subject.output);
  if (!found) return verdict(0, 1, 'the answer contains no number');
  const actual = Number(found[0].replace(/,/g, ''));
  const difference = Math.abs(actual - target);
  return verdict(
    difference <= tolerance + 1e-12 ? 1 : 0,
    1,
    `the answer's ${actual} is ${difference} from ${target} (tolerance ${tolerance})`,
  );
}

function similarity(name: string, score: number, threshold: number): Verdict {
  return verdict(score, threshold, `${name} ${score.toFixed(3)} against threshold ${threshold}`);
}

function ceiling(
  name: string,
  value: number | null,
  limit: number,
  show: (value: number) => string,
): Verdict {
  if (value === null) return verdict(0, 1, `the ${name} is unknown (the model has no price)`);
  const pass = value <= limit;
  return {
    score: pass ? 1 : Math.max(0, Math.min(1, limit / value)),
    pass,
    reason: `${name} ${show(value)} ${pass ? 'within' : 'over'} the ceiling of ${show(limit)}`,
  };
}
