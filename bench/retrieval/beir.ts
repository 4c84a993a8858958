/** Reads a dataset in the BEIR layout: corpus.jsonl, queries.jsonl and qrels/test.tsv. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One corpus document. */
export interface BeirDocument {
  id: string;
  title: string;
  text: string;
}

/** Relevance grades per query id, then per document id (grade > 0 means relevant). */
export type Qrels = Map<string, Map<string, number>>;

/** A loaded dataset. */
export interface BeirDataset {
  name: string;
  corpus: BeirDocument[];
  queries: Array<{ id: string; text: string }>;
  qrels: Qrels;
}

function readJsonLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Reads `qrels/test.tsv` (query-id, corpus-id, score, with a header line). */
export function readQrels(path: string): Qrels {
  const qrels: Qrels = new Map();
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    const [query, document, score] = line.trim().split('\t');
    if (query === undefined || document === undefined || score === undefined) continue;
    const grades = qrels.get(query) ?? new Map<string, number>();
    grades.set(document, Number(score));
    qrels.set(query, grades);
  }
  return qrels;
}

/** Loads a BEIR directory; the dataset name is the directory's last path segment. */
export function loadBeir(directory: string): BeirDataset {
  const corpus = readJsonLines(join(directory, 'corpus.jsonl')).map((row) => ({
    id: String(row._id),
    title: typeof row.title === 'string' ? row.title : '',
    text: typeof row.text === 'string' ? row.text : '',
  }));
  const queries = readJsonLines(join(directory, 'queries.jsonl')).map((row) => ({
    id: String(row._id),
    text: typeof row.text === 'string' ? row.text : '',
  }));
  const name = directory.replace(/\/+$/, '').split('/').pop() ?? directory;
  return { name, corpus, queries, qrels: readQrels(join(directory, 'qrels', 'test.tsv')) };
}
