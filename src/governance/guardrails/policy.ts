import { z } from 'zod';
import { type Detector, type Finding, matchAll } from './finding.js';

/** Escapes a literal term for use inside a pattern. */
function literalPattern(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whole-word, case-insensitive matches of listed terms (`DENY_LIST:<name>`); a term written `/…/` is a
 * regular expression.
 */
export function denyListDetector(name: string, terms: readonly string[]): Detector {
  if (terms.length === 0) return () => [];
  const parts = terms.map((term) =>
    term.length > 2 && term.startsWith('/') && term.endsWith('/')
      ? term.slice(1, -1)
      : `\\b${literalPattern(term)}\\b`,
  );
  const pattern = new RegExp(parts.map((part) => `(?:${part})`).join('|'), 'gi');
  return (text) => matchAll(text, pattern, `DENY_LIST:${name}`);
}

/**
 * A topic as keywords: found when at least `minHits` distinct keywords occur, so one passing mention
 * does not trip it. Each occurrence is a finding (`TOPIC:<name>`).
 */
export function topicDetector(name: string, keywords: readonly string[], minHits = 2): Detector {
  const words = denyListDetector(name, keywords);
  return (text) => {
    const hits = words(text);
    const distinct = new Set(hits.map((hit) => text.slice(hit.start, hit.end).toLowerCase()));
    if (distinct.size < Math.min(minHits, keywords.length)) return [];
    return hits.map((hit) => ({ ...hit, entity: `TOPIC:${name}` }));
  };
}

/** Text longer than `maxChars` characters: one finding over the excess (`LENGTH_LIMIT`). */
export function lengthDetector(maxChars: number): Detector {
  return (text) =>
    text.length > maxChars ? [{ entity: 'LENGTH_LIMIT', start: maxChars, end: text.length, score: 1 }] : [];
}

/**
 * An answer that must be JSON matching a JSON Schema: one finding over the whole text when it does not
 * parse or does not match (`OUTPUT_SCHEMA`).
 */
export function jsonSchemaDetector(schema: Record<string, unknown>): Detector {
  const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (text): Finding[] => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [{ entity: 'OUTPUT_SCHEMA', start: 0, end: text.length, score: 1 }];
    }
    return validator.safeParse(value).success
      ? []
      : [{ entity: 'OUTPUT_SCHEMA', start: 0, end: text.length, score: 1 }];
  };
}
