import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { StrataError } from '../../core/errors.js';

const perModel = <T extends z.ZodType>(value: T) => z.record(z.string(), value.nullable());

/** One line of a routing-outcomes file; fields a dataset adds beyond these (tokens, metric) are ignored. */
const outcomeLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  split: z.string(),
  task: z.string(),
  prompt: z.string(),
  scores: perModel(z.number().min(0).max(1)),
  cost_usd: perModel(z.number().min(0)).nullable(),
  responses: perModel(z.string()).optional(),
  cost_kind: z.string(),
});

/** What one model did on one recorded query. */
export interface ModelOutcome {
  /** Correctness in 0..1, or null when the source has no score. */
  score: number | null;
  /** What the call cost in USD, or null when the source has no cost. */
  costUsd: number | null;
  /** The model's answer, or undefined when the dataset holds no response text. */
  response: string | undefined;
}

/** One recorded query and the outcome of every model on it. */
export interface RecordedQuery {
  id: string;
  split: string;
  task: string;
  prompt: string;
  /** How the dataset got its costs: `recorded`, `estimated` or `none`. */
  costKind: string;
  outcomes: ReadonlyMap<string, ModelOutcome>;
}

/** A loaded outcomes file, indexed by normalised prompt. */
export interface OutcomeIndex {
  /** The file the index was loaded from. */
  file: string;
  /** Every model that appears in the file, sorted. */
  models: readonly string[];
  /** Distinct prompts indexed. */
  size: number;
  /** Lines whose prompt repeated an earlier one; the first line wins. */
  duplicates: number;
  /** Milliseconds spent reading and indexing the file. */
  loadMs: number;
  /** The recorded query whose prompt equals `prompt` after whitespace normalisation. */
  find(prompt: string): RecordedQuery | undefined;
  /** Every line of the file as a query, repeated prompts included, in file order. */
  queries(): readonly RecordedQuery[];
  /** The recorded query with this id (the first line when ids repeat). */
  findById(id: string): RecordedQuery | undefined;
}

/** Collapses every run of whitespace to one space and trims, so formatting differences still match. */
export function normalisePrompt(text: string): string {
  // Single spaces are left alone: replacing only longer runs and other whitespace is several times faster.
  return text.replace(/\s\s+|[^\S ]/g, ' ').trim();
}

/** Reads a routing-outcomes JSONL file line by line; a bad line throws `config_invalid` naming file and line. */
export async function loadOutcomes(file: string): Promise<OutcomeIndex> {
  const started = performance.now();
  const byPrompt = new Map<string, RecordedQuery>();
  const byId = new Map<string, RecordedQuery>();
  const all: RecordedQuery[] = [];
  const models = new Set<string>();
  let duplicates = 0;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const query = parseLine(line, file, lineNumber);
      for (const model of query.outcomes.keys()) models.add(model);
      all.push(query);
      if (!byId.has(query.id)) byId.set(query.id, query);
      const key = normalisePrompt(query.prompt);
      if (byPrompt.has(key)) duplicates++;
      else byPrompt.set(key, query);
    }
  } catch (error) {
    if (error instanceof StrataError) throw error;
    throw new StrataError(
      'config_invalid',
      `Cannot read the replay outcomes file ${file}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    lines.close();
  }
  return {
    file,
    models: [...models].sort(),
    size: byPrompt.size,
    duplicates,
    loadMs: performance.now() - started,
    find: (prompt) => byPrompt.get(normalisePrompt(prompt)),
    queries: () => all,
    findById: (id) => byId.get(id),
  };
}

function parseLine(line: string, file: string, lineNumber: number): RecordedQuery {
  const where = `${file} line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new StrataError('config_invalid', `${where} is not valid JSON: ${describe(error)}`, {
      cause: error,
    });
  }
  const parsed = outcomeLineSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`,
    );
    throw new StrataError('config_invalid', `${where} is not a routing outcome: ${issues.join('; ')}`);
  }
  const { id, split, task, prompt, scores, cost_usd: costs, responses, cost_kind: costKind } = parsed.data;
  const outcomes = new Map<string, ModelOutcome>();
  for (const model of new Set([
    ...Object.keys(scores),
    ...Object.keys(costs ?? {}),
    ...Object.keys(responses ?? {}),
  ])) {
    outcomes.set(model, {
      score: scores[model] ?? null,
      costUsd: costs?.[model] ?? null,
      response: responses?.[model] ?? undefined,
    });
  }
  return { id, split, task, prompt, costKind, outcomes };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
