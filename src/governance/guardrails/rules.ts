import type { GuardrailRule, GuardrailsConfig } from '../../config/guardrails.js';
import { StrataError } from '../../core/errors.js';
import type { Detector, Finding } from './finding.js';
import { withoutOverlaps } from './finding.js';
import { injectionScore } from './injection.js';
import { piiDetector } from './pii.js';
import { denyListDetector, jsonSchemaDetector, lengthDetector, topicDetector } from './policy.js';
import { secretDetector } from './secrets.js';

/** Who a call is, as rules select calls: key name, team and the model name requested. */
export interface GuardrailScope {
  keyName: string | null;
  team: string | null;
  model: string;
}

/** A rule ready to run: its config, whom it applies to, and one detector over all it looks for. */
export interface CompiledRule {
  name: string;
  action: GuardrailRule['action'];
  reversible: boolean;
  input: boolean;
  output: boolean;
  applies(scope: GuardrailScope): boolean;
  /** Findings, and the injection score when the rule scores injections. */
  detect(text: string): { findings: Finding[]; score?: number };
}

/** What one rule decided about one text: nothing found, or what it found and what it does about it. */
export interface RuleVerdict {
  rule: string;
  action: GuardrailRule['action'];
  /** Distinct entity names found, never the values. */
  entities: string[];
  findings: Finding[];
  score?: number;
}

function detectorsOf(rule: GuardrailRule): { detectors: Detector[]; injection?: number } {
  const { detectors } = rule;
  const list: Detector[] = [];
  if (detectors.pii) list.push(piiDetector(detectors.pii === true ? undefined : detectors.pii));
  if (detectors.secrets)
    list.push(secretDetector(detectors.secrets === true ? undefined : detectors.secrets));
  if (detectors.deny_list) list.push(denyListDetector(rule.name, detectors.deny_list));
  for (const [topic, keywords] of Object.entries(detectors.topics ?? {}))
    list.push(topicDetector(topic, keywords));
  if (detectors.json_schema) list.push(jsonSchemaDetector(detectors.json_schema));
  if (detectors.max_chars !== undefined) list.push(lengthDetector(detectors.max_chars));
  return { detectors: list, ...(detectors.injection && { injection: detectors.injection.threshold }) };
}

const within = (list: readonly string[] | undefined, value: string | null) =>
  list === undefined || (value !== null && list.includes(value));

/** Compiles the configured rules once, at start. */
export function compileRules(config: GuardrailsConfig): CompiledRule[] {
  return config.rules.map((rule) => {
    const { detectors, injection } = detectorsOf(rule);
    return {
      name: rule.name,
      action: rule.action,
      reversible: rule.reversible,
      input: rule.on.includes('input'),
      output: rule.on.includes('output'),
      applies: (scope) =>
        within(rule.keys, scope.keyName) &&
        within(rule.teams, scope.team) &&
        within(rule.routes, scope.model),
      detect(text) {
        const findings = withoutOverlaps(detectors.flatMap((detect) => detect(text)));
        if (injection === undefined) return { findings };
        const verdict = injectionScore(text);
        if (verdict.score >= injection) findings.push(...verdict.findings);
        return { findings, score: verdict.score };
      },
    };
  });
}

/** Runs one rule over a text; undefined when it found nothing. */
export function judge(rule: CompiledRule, text: string): RuleVerdict | undefined {
  const { findings, score } = rule.detect(text);
  if (findings.length === 0) return undefined;
  return {
    rule: rule.name,
    action: rule.action,
    entities: [...new Set(findings.map((finding) => finding.entity.split(':')[0] as string))],
    findings,
    ...(score !== undefined && { score }),
  };
}

/** One rule's verdicts over several texts (messages, stream windows) as one. */
export function mergeVerdicts(verdicts: readonly RuleVerdict[]): RuleVerdict | undefined {
  const [first] = verdicts;
  if (!first) return undefined;
  const scores = verdicts.flatMap((verdict) => (verdict.score === undefined ? [] : [verdict.score]));
  return {
    ...first,
    entities: [...new Set(verdicts.flatMap((verdict) => verdict.entities))],
    findings: verdicts.flatMap((verdict) => verdict.findings),
    ...(scores.length > 0 && { score: Math.max(...scores) }),
  };
}

/** The error a blocking verdict ends a call with: the rule and entity names, never the values found. */
export function blockedError(
  verdict: RuleVerdict,
  where: 'request' | 'answer',
  param: 'messages' | 'input' = 'messages',
): StrataError {
  return new StrataError(
    'guardrail_blocked',
    `Guardrail rule \`${verdict.rule}\` blocked this ${where}: it found ${verdict.entities.join(', ')}.`,
    { param: where === 'request' ? param : null },
  );
}
