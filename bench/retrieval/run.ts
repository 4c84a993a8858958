/**
 * The retrieval bench: indexes a BEIR corpus (title + text), runs every judged query to depth 1000 and
 * scores the rankings with trec_eval-style metrics (only matched documents are ranked, as a
 * search engine returns them), timing indexing and each query.
 */
import type { KnowledgeIndexOptions } from '../../src/knowledge/index/index.js';
import { createKnowledgeIndex } from '../../src/knowledge/index/index.js';
import type { BeirDataset } from './beir.js';
import { averagePrecision, ndcgAt, recallAt, reciprocalRankAt } from './metrics.js';

/** What a run scores: BM25 alone, BM25 fused with the local LSA leg, or the LSA leg alone. */
export type BenchMode = 'bm25' | 'hybrid' | 'lsa';

/** How to run. */
export interface RetrievalBenchOptions {
  mode: BenchMode;
  k1?: number;
  b?: number;
  fusion?: 'weighted' | 'rrf';
  /** Extra index options (e.g. LSA settings or fusion weights). */
  index?: KnowledgeIndexOptions;
}

/** One run's numbers (snake_case keys, as printed with --json). */
export interface RetrievalReport {
  dataset: string;
  mode: BenchMode;
  k1: number;
  b: number;
  documents: number;
  queries: number;
  /** Quality metrics are null for a corpus without relevance judgments (the synthetic speed run). */
  ndcg_at_10: number | null;
  map: number | null;
  recall_at_100: number | null;
  mrr_at_10: number | null;
  /** Wall time to index (and, in hybrid and lsa modes, train LSA). */
  index_ms: number;
  /** CPU time of the process while indexing: steadier than wall time on a busy machine. */
  index_cpu_ms: number;
  /** Latency of a top-10 search, after a warm-up pass that ranks every query to depth 1000. */
  query_p50_ms: number;
  query_p99_ms: number;
  /** The same searches' CPU time: what latency would be on an idle core (a shared machine inflates wall p99). */
  query_p50_cpu_ms: number;
  query_p99_cpu_ms: number;
}

const depth = 1000;
const latencySamples = 1000;

/** The value at quantile q of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Indexes the dataset and returns the ranked ids per judged query, with timings. */
export async function rankDataset(dataset: BeirDataset, options: RetrievalBenchOptions) {
  const k1 = options.k1 ?? 0.9;
  const b = options.b ?? 0.4;
  const index = createKnowledgeIndex({
    ...options.index,
    k1,
    b,
    ...(options.mode === 'bm25' && { lsa: false as const }),
  });
  const chunks = dataset.corpus.map((document) => ({
    id: document.id,
    title: document.title,
    text: document.text,
  }));
  const cpuStart = process.cpuUsage();
  const indexStart = performance.now();
  await index.upsert(chunks);
  index.refreshVectors();
  const indexMs = performance.now() - indexStart;
  const cpu = process.cpuUsage(cpuStart);
  const indexCpuMs = (cpu.user + cpu.system) / 1000;
  const mode = options.mode === 'lsa' ? 'vector' : options.mode;
  const fusion = options.fusion === undefined ? {} : { fusion: options.fusion };
  const queries = dataset.queries.filter((query) => dataset.qrels.size === 0 || dataset.qrels.has(query.id));
  // Quality pass: full rankings to depth 1000 (this also warms the JIT for the timed pass).
  const rankings = new Map<string, string[]>();
  for (const query of queries) {
    const hits = await index.search(query.text, { topK: depth, mode, ...fusion });
    rankings.set(
      query.id,
      hits.map((hit) => hit.id),
    );
  }
  // Latency pass: top-10 searches, as a knowledge base asks for, cycling through the queries until at
  // least `latencySamples` are timed so p99 is not just the slowest of a few dozen.
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  while (queries.length > 0 && latencies.length < latencySamples) {
    for (const query of queries) {
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      await index.search(query.text, { topK: 10, mode, ...fusion });
      latencies.push(performance.now() - start);
      const cpuSpent = process.cpuUsage(cpuBefore);
      cpuLatencies.push((cpuSpent.user + cpuSpent.system) / 1000);
    }
  }
  latencies.sort((x, y) => x - y);
  cpuLatencies.sort((x, y) => x - y);
  return { k1, b, rankings, indexMs, indexCpuMs, latencies, cpuLatencies };
}

/** Runs the bench on a loaded dataset. */
export async function runRetrievalBench(
  dataset: BeirDataset,
  options: RetrievalBenchOptions,
): Promise<RetrievalReport> {
  const { k1, b, rankings, indexMs, indexCpuMs, latencies, cpuLatencies } = await rankDataset(
    dataset,
    options,
  );
  let ndcg = 0;
  let map = 0;
  let recall = 0;
  let mrr = 0;
  for (const [queryId, ranking] of rankings) {
    const grades = dataset.qrels.get(queryId) ?? new Map<string, number>();
    ndcg += ndcgAt(10, ranking, grades);
    map += averagePrecision(ranking, grades);
    recall += recallAt(100, ranking, grades);
    mrr += reciprocalRankAt(10, ranking, grades);
  }
  const count = rankings.size || 1;
  const judged = dataset.qrels.size > 0;
  return {
    dataset: dataset.name,
    mode: options.mode,
    k1,
    b,
    documents: dataset.corpus.length,
    queries: rankings.size,
    ndcg_at_10: judged ? ndcg / count : null,
    map: judged ? map / count : null,
    recall_at_100: judged ? recall / count : null,
    mrr_at_10: judged ? mrr / count : null,
    index_ms: indexMs,
    index_cpu_ms: indexCpuMs,
    query_p50_ms: quantile(latencies, 0.5),
    query_p99_ms: quantile(latencies, 0.99),
    query_p50_cpu_ms: quantile(cpuLatencies, 0.5),
    query_p99_cpu_ms: quantile(cpuLatencies, 0.99),
  };
}
