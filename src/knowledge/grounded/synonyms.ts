/**
 * Words a question and its answer often name differently in technical docs ("start" and "run", "SDK"
 * and "client", "variable" and `VAR`): each group is one meaning, matched by stem.
 */
import { termsOf } from './terms.js';

const groups = [
  'start run launch serve boot',
  'install setup',
  'key credential secret',
  'sdk client library package',
  'configure configuration config',
  'delete remove revoke',
  'create add',
  'limit cap quota maximum max',
  'price pricing cost',
  'environment env',
  'variable var',
  'database db',
  'docs documentation',
  'check validate',
  'see view list show inspect',
  'error failure fail',
  'enable activate',
  'disable deactivate',
  'upload ingest import',
  'search retrieve query',
  'postgres postgresql pg',
  'stop shutdown shut',
  'authentication auth authenticate',
  'shape look',
  'reachable accessible expose',
  'listen bind',
  'localhost loopback',
  'compile recompile rebuild build',
  'restrict throttle limit lock',
  'ui gui dashboard console',
  'warn alert notify',
  'spend cost',
  'big large size',
  'folder directory',
  'file document',
  'typo misspell mistake',
  'keep save store record capture retain persist',
  'response answer reply',
  'repo repository checkout clone',
  'concurrent parallel simultaneous',
  'cli terminal shell',
  'debug troubleshoot diagnose',
  'change edit modify update',
  'monitor track watch',
  'model llm',
  'balance spread split distribute',
  'block refuse reject deny',
  'cover apply',
  'option setting',
  'attach assign attribute',
  'put set',
  // Providers' model families by their makers' names.
  'claude anthropic',
  'gemini google',
  'gpt openai',
  'ask question',
  // Irregular past forms, which a stemmer leaves alone.
  'keep kept',
  'make made',
  'build built',
  'send sent',
  'get got',
  'run ran',
  'begin began begun',
  'write wrote written',
  'choose chose chosen',
  'take took taken',
  'give gave given',
  'show shown',
  'hold held',
  'pay paid',
  'spend spent',
  'break broke broken',
  'require need',
  'network lan',
  'fallback failover backup',
  'lint validate',
  'instance replica',
  'reduce lower quiet',
  'expire expiry expiration',
  'cheap cheapest',
  'identical same repeated',
];

const stemOf = (word: string) => termsOf(word)[0]?.stem ?? word;

const alternatives = new Map<string, string[]>();
for (const group of groups) {
  const stems = [...new Set(group.split(' ').map(stemOf))];
  for (const stem of stems)
    alternatives.set(stem, [...(alternatives.get(stem) ?? []), ...stems.filter((other) => other !== stem)]);
}

/** The stems that mean the same as `stem` in the docs' vocabulary (not `stem` itself). */
export function synonymsOf(stem: string): readonly string[] {
  return alternatives.get(stem) ?? [];
}

/** How much a synonym counts against the word itself: it may mean something else in a given sentence. */
export const synonymWeight = 0.6;

/** 1 when `stems` holds `stem`, `synonymWeight` when it holds only a synonym, else 0. */
export function matchStrength(stems: ReadonlySet<string>, stem: string): number {
  if (stems.has(stem)) return 1;
  return synonymsOf(stem).some((other) => stems.has(other)) ? synonymWeight : 0;
}

/** Whether `stems` holds `stem` or one of its synonyms. */
export function namesStem(stems: ReadonlySet<string>, stem: string): boolean {
  return matchStrength(stems, stem) > 0;
}
