/** Resolves what `strata bench retrieval` was asked to run and runs it. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBeir } from './beir.js';
import { type BenchMode, type RetrievalReport, runRetrievalBench } from './run.js';
import { syntheticDataset } from './synthetic.js';

/** The command's options. */
export interface RetrievalSuiteOptions {
  /** A BEIR directory, or a directory of BEIR directories (each is run). */
  data: string;
  modes: BenchMode[];
  k1?: number;
  b?: number;
  fusion?: 'weighted' | 'rrf';
  /** BM25's weight in weighted fusion; the vector leg gets 1 − this. */
  bm25Weight?: number;
  /** Instead of the judged corpus, index this many synthetic documents drawn from it (speed goals). */
  synthetic?: number;
}

/** The BEIR directories under `data`: itself when it holds a corpus, else its subdirectories that do. */
export function datasetDirectories(data: string): string[] {
  if (existsSync(join(data, 'corpus.jsonl'))) return [data];
  if (!existsSync(data)) throw new Error(`no such directory: ${data}`);
  const found = readdirSync(data, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(data, entry.name, 'corpus.jsonl')))
    .map((entry) => join(data, entry.name))
    .sort();
  if (found.length === 0) throw new Error(`${data} holds no corpus.jsonl (BEIR layout) nor dataset folders`);
  return found;
}

/** Runs every dataset in every mode, in sequence (timings are not disturbed by a parallel run). */
export async function runRetrievalSuite(options: RetrievalSuiteOptions): Promise<RetrievalReport[]> {
  const reports: RetrievalReport[] = [];
  for (const directory of datasetDirectories(options.data)) {
    const loaded = loadBeir(directory);
    const dataset = options.synthetic === undefined ? loaded : syntheticDataset(loaded, options.synthetic);
    for (const mode of options.modes) {
      reports.push(
        await runRetrievalBench(dataset, {
          mode,
          ...(options.k1 !== undefined && { k1: options.k1 }),
          ...(options.b !== undefined && { b: options.b }),
          ...(options.fusion !== undefined && { fusion: options.fusion }),
          ...(options.bm25Weight !== undefined && {
            index: { weights: { bm25: options.bm25Weight, vector: 1 - options.bm25Weight } },
          }),
        }),
      );
    }
  }
  return reports;
}
