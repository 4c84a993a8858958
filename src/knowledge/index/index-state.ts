import { type Analyzer, type AnalyzerOptions, createAnalyzer } from '../analysis/analyzer.js';
import type { Bm25Parameters } from './bm25-scorer.js';
import { ChunkTable } from './chunk-table.js';
import type { FusionWeights } from './fusion.js';
import { InvertedIndex } from './inverted-index.js';
import { type LsaModel, type LsaOptions, lsaDefaults } from './lsa-model.js';
import type { EmbedFunction } from './types.js';
import type { VectorStore } from './vector-store.js';

/** How to build a knowledge index. */
export interface KnowledgeIndexOptions {
  /** BM25 term-frequency saturation (default 0.9, as Lucene/Anserini's tuned defaults for short passages). */
  k1?: number;
  /** BM25 length normalisation (default 0.4). */
  b?: number;
  /** How text becomes terms (default: lower-case, ASCII alphanumerics, Lucene stopwords, Porter). */
  analyzer?: AnalyzerOptions;
  /** Dense embeddings for the vector leg, e.g. the pipeline's embedding model. Replaces local LSA. */
  embed?: EmbedFunction;
  /** The local LSA vector leg used when no `embed` is given; `false` turns the vector leg off. */
  lsa?: LsaOptions | false;
  /** Weighted-fusion weights (default bm25 0.7, vector 0.3 with LSA; 0.5/0.5 with embeddings). */
  weights?: FusionWeights;
}

/**
 * Default weights with the local LSA leg, chosen on the six classic test collections so that hybrid
 * nDCG@10 is at least BM25's on every one of them (bench/retrieval/README.md has the sweep).
 */
export const lsaFusionWeights: FusionWeights = { bm25: 0.7, vector: 0.3 };

/** Default weights with a real embedding model, whose similarities carry more meaning than LSA's. */
export const embeddingFusionWeights: FusionWeights = { bm25: 0.5, vector: 0.5 };

/** Options as stored in a snapshot (everything but the embed function). */
export interface StoredOptions {
  k1: number;
  b: number;
  analyzer: { stopwords: string[] | false | null; stem: boolean; letters: 'ascii' | 'unicode' };
  lsa: Required<LsaOptions> | false;
  weights: FusionWeights | null;
}

/** Everything an index holds; shared by the live index and its snapshot reader/writer. */
export interface IndexState {
  stored: StoredOptions;
  embed: EmbedFunction | undefined;
  analyzer: Analyzer;
  bm25: Bm25Parameters;
  weights: FusionWeights;
  table: ChunkTable;
  inverted: InvertedIndex;
  /** Dense vectors of the vector leg (embeddings or LSA projections); undefined until the first vectors. */
  vectors: VectorStore | undefined;
  lsaModel: LsaModel | undefined;
  /** Upserts and removals since the LSA model was trained. */
  changesSinceTraining: number;
  /** Whether chunks were upserted since the LSA leg last projected the new ones. */
  needsFolding: boolean;
}

/** Resolves options into what a snapshot stores. */
export function storedOptions(options: KnowledgeIndexOptions): StoredOptions {
  const stopwords = options.analyzer?.stopwords;
  return {
    k1: options.k1 ?? 0.9,
    b: options.b ?? 0.4,
    analyzer: {
      stopwords: stopwords === undefined ? null : stopwords === false ? false : [...stopwords],
      stem: options.analyzer?.stem ?? true,
      letters: options.analyzer?.letters ?? 'ascii',
    },
    lsa: options.lsa === false ? false : { ...lsaDefaults, ...options.lsa },
    weights: options.weights ?? null,
  };
}

/** A state with no chunks, or around restored parts. */
export function createState(
  stored: StoredOptions,
  embed: EmbedFunction | undefined,
  parts: Partial<
    Pick<IndexState, 'table' | 'inverted' | 'vectors' | 'lsaModel' | 'changesSinceTraining'>
  > = {},
): IndexState {
  const { stopwords, stem, letters } = stored.analyzer;
  const analyzerOptions: AnalyzerOptions = { stem, letters };
  if (stopwords !== null) analyzerOptions.stopwords = stopwords;
  const defaultWeights = embed === undefined ? lsaFusionWeights : embeddingFusionWeights;
  return {
    stored,
    embed,
    analyzer: createAnalyzer(analyzerOptions),
    bm25: { k1: stored.k1, b: stored.b },
    weights: stored.weights ?? defaultWeights,
    table: parts.table ?? new ChunkTable(),
    inverted: parts.inverted ?? new InvertedIndex(),
    vectors: parts.vectors,
    lsaModel: parts.lsaModel,
    changesSinceTraining: parts.changesSinceTraining ?? 0,
    needsFolding: true,
  };
}
