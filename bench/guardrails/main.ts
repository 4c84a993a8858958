/** Command-line entry of the guardrail bench: `node main.js [--split test|train|all] [--json]`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatGuardrailsReport } from './format-report.js';
import type { CorpusEntry } from './make-corpus.js';
import { type InjectionEntry, readJsonLines, runGuardrailsBench } from './run.js';

// The corpus is committed beside the sources; the compiled file runs from dist/bench/guardrails.
const here = dirname(fileURLToPath(import.meta.url));
const sources = here.includes(join('dist', 'bench'))
  ? join(here, '..', '..', '..', 'bench', 'guardrails')
  : here;

/** What a run of the guardrail bench reads and prints. */
export interface GuardrailsBenchOptions {
  json: boolean;
  /** `test` (the default, reported), `train` (tuned on) or `all`. */
  split?: string;
  corpus?: string;
  injections?: string;
  threshold?: number;
  minMs?: number;
  /** A folder of Markdown files to time the detectors on as ordinary text; Strata's docs by default. */
  prose?: string;
}

/** The Markdown files of a directory, as ordinary text to time on. */
function proseOf(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(directory, name), 'utf8'));
}

/** Runs the bench and prints a table or JSON. */
export function runGuardrailsCommand(options: GuardrailsBenchOptions): void {
  const split = options.split ?? 'test';
  if (split !== 'test' && split !== 'train' && split !== 'all')
    throw new Error('--split must be test, train or all');
  const corpus = options.corpus ?? join(sources, 'corpus.jsonl');
  const injections = options.injections ?? join(sources, 'injections.jsonl');
  for (const path of [corpus, injections])
    if (!existsSync(path)) throw new Error(`no guardrail corpus at ${path}`);
  const report = runGuardrailsBench({
    corpus: readJsonLines<CorpusEntry>(corpus),
    injections: readJsonLines<InjectionEntry>(injections),
    split,
    threshold: options.threshold ?? 0.5,
    minMs: options.minMs ?? 1000,
    prose: proseOf(options.prose ?? join(sources, '..', '..', 'docs')),
  });
  process.stdout.write(
    `${options.json ? JSON.stringify(report, null, 2) : formatGuardrailsReport(report)}\n`,
  );
}

if (process.argv[1]?.endsWith(join('guardrails', 'main.js'))) {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      split: { type: 'string', default: 'test' },
      corpus: { type: 'string' },
      injections: { type: 'string' },
      threshold: { type: 'string', default: '0.5' },
      'min-ms': { type: 'string', default: '1000' },
      prose: { type: 'string' },
    },
  });
  runGuardrailsCommand({
    json: values.json,
    split: values.split,
    threshold: Number(values.threshold),
    minMs: Number(values['min-ms']),
    ...(values.corpus !== undefined && { corpus: values.corpus }),
    ...(values.injections !== undefined && { injections: values.injections }),
    ...(values.prose !== undefined && { prose: values.prose }),
  });
}
