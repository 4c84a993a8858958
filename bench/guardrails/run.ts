import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/governance/guardrails/finding.js';
import { injectionScore } from '../../src/governance/guardrails/injection.js';
import { piiDetector, piiEntities } from '../../src/governance/guardrails/pii.js';
import { secretDetector, secretEntities } from '../../src/governance/guardrails/secrets.js';
import type { CorpusEntry } from './make-corpus.js';
import { type EntityCounts, type EntityScore, scoreOf, sumCounts, tally } from './score.js';

/** One string of the injection set. */
export interface InjectionEntry {
  id: string;
  split: 'train' | 'test';
  injection: boolean;
  text: string;
}

/** What the guardrail bench measured on one split. */
export interface GuardrailsReport {
  split: string;
  strings: number;
  entities: EntityScore[];
  structuredPii: EntityScore;
  secrets: EntityScore;
  errors: Array<{ id: string; kind: string; entity: string; text: string }>;
  injection: {
    threshold: number;
    strings: number;
    precision: number;
    recall: number;
    falsePositives: Array<{ id: string; score: number; text: string }>;
    falseNegatives: Array<{ id: string; score: number; text: string }>;
  };
  /** CPU per KB on the corpus itself (dense with numbers and keys) and on ordinary prose. */
  cpu: Array<{ text: string; microsecondsPerKb: number; kilobytes: number }>;
}

/** Reads a JSON-lines file. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

const pii = piiDetector();
const secrets = secretDetector();

/** Everything the bench runs on one string: PII, secrets and the injection score. */
export function scanAll(text: string): Finding[] {
  return [...pii(text), ...secrets(text), ...injectionScore(text).findings];
}

/** Scores the corpus and the injection set on one split, and times the detectors per kilobyte. */
export function runGuardrailsBench(input: {
  corpus: readonly CorpusEntry[];
  injections: readonly InjectionEntry[];
  split: 'train' | 'test' | 'all';
  threshold?: number;
  minMs?: number;
  /** Ordinary documents (prose and code) to time the detectors on besides the corpus. */
  prose?: readonly string[];
}): GuardrailsReport {
  const inSplit = <T extends { split: string }>(entries: readonly T[]) =>
    entries.filter((entry) => input.split === 'all' || entry.split === input.split);
  const corpus = inSplit(input.corpus);
  const counts = new Map<string, EntityCounts>();
  const errors: GuardrailsReport['errors'] = [];
  for (const entry of corpus) {
    const found = [...pii(entry.text), ...secrets(entry.text)];
    for (const error of tally(counts, entry.entities, found))
      errors.push({
        id: entry.id,
        kind: error.kind,
        entity: error.span.entity,
        text: entry.text.slice(error.span.start, error.span.end),
      });
  }
  const zero = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const entities = [...piiEntities, ...secretEntities].map((entity) =>
    scoreOf(entity, counts.get(entity) ?? zero),
  );
  const group = (name: string, names: readonly string[]) =>
    scoreOf(name, sumCounts(names.map((entity) => counts.get(entity) ?? zero)));
  const threshold = input.threshold ?? 0.5;
  const injections = inSplit(input.injections).map((entry) => ({
    ...entry,
    score: injectionScore(entry.text).score,
  }));
  const flagged = injections.filter((entry) => entry.score >= threshold);
  const truePositives = flagged.filter((entry) => entry.injection).length;
  const positives = injections.filter((entry) => entry.injection).length;
  const brief = (entry: (typeof injections)[number]) => ({
    id: entry.id,
    score: Math.round(entry.score * 1000) / 1000,
    text: entry.text,
  });
  return {
    split: input.split,
    strings: corpus.length,
    entities,
    structuredPii: group('structured PII', piiEntities),
    secrets: group('secrets', secretEntities),
    errors,
    injection: {
      threshold,
      strings: injections.length,
      precision: flagged.length === 0 ? 1 : truePositives / flagged.length,
      recall: positives === 0 ? 1 : truePositives / positives,
      falsePositives: flagged.filter((entry) => !entry.injection).map(brief),
      falseNegatives: injections.filter((entry) => entry.injection && entry.score < threshold).map(brief),
    },
    cpu: [
      {
        text: 'corpus',
        ...cpuPerKb(
          [...input.corpus.map((entry) => entry.text), ...input.injections.map((entry) => entry.text)],
          input.minMs ?? 1000,
        ),
      },
      ...(input.prose && input.prose.length > 0
        ? [{ text: 'prose', ...cpuPerKb(input.prose.join('\n').split('\n'), input.minMs ?? 1000) }]
        : []),
    ],
  };
}

/**
 * CPU time of every detector (PII, secrets, injection) per kilobyte of text, over documents of about
 * 1 KB made by joining the strings, repeated until `minMs` of CPU has been spent.
 */
function cpuPerKb(texts: readonly string[], minMs: number): { microsecondsPerKb: number; kilobytes: number } {
  const documents: string[] = [];
  let current = '';
  for (const text of texts) {
    current += `${text}\n`;
    if (current.length >= 1024) {
      documents.push(current);
      current = '';
    }
  }
  const bytes = documents.reduce((sum, document) => sum + Buffer.byteLength(document), 0);
  for (const document of documents) scanAll(document);
  let rounds = 0;
  const start = process.cpuUsage();
  let spent = 0;
  while (spent < minMs * 1000 || rounds === 0) {
    for (const document of documents) scanAll(document);
    rounds++;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  const kilobytes = (bytes * rounds) / 1024;
  return { microsecondsPerKb: Math.round((spent / kilobytes) * 10) / 10, kilobytes: Math.round(kilobytes) };
}
