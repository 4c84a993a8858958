import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The shipped Prometheus alert rules and their promtool unit tests. */
export const alertRulesFile = new URL('../../../../deploy/prometheus/strata-alerts.yml', import.meta.url);
/** … */
export const alertRulesTestFile = new URL(
  '../../../../deploy/prometheus/strata-alerts.test.yml',
  import.meta.url,
);

interface RuleFile {
  groups: Array<{ rules: Array<{ expr: string; record?: string; alert?: string }> }>;
}

/**
 * The metric names a Prometheus rule file reads: every `strata_` or `gen_ai_` name in its expressions,
 * leaving out label matchers, `by (...)` / `without (...)` label lists and the file's own recording rules.
 */
export function metricsReadBy(file: URL): Set<string> {
  const document = parse(readFileSync(file, 'utf8')) as RuleFile;
  const names = new Set<string>();
  for (const group of document.groups)
    for (const rule of group.rules) {
      const expression = rule.expr
        .replace(/\{[^}]*\}/g, ' ')
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
      for (const match of expression.matchAll(/(?<![\w:])((?:strata|gen_ai)_[a-z0-9_]+)(?![\w:])/g))
        names.add(match[1] ?? '');
    }
  return names;
}

/** Metric families in a Prometheus text exposition, by the names series of them carry. */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = match;
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}
