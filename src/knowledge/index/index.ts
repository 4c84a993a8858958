/** The retrieval engine of the knowledge layer: BM25 + vector leg, fused; incremental; snapshot/restore. */
export { type Analyzer, type AnalyzerOptions, createAnalyzer } from '../analysis/analyzer.js';
export type { FusionWeights } from './fusion.js';
export type { KnowledgeIndexOptions } from './index-state.js';
export { createKnowledgeIndex, type KnowledgeIndex, restoreKnowledgeIndex } from './knowledge-index.js';
export type { LsaOptions } from './lsa-model.js';
export type { EmbedFunction, IndexedChunk, MetadataValue, SearchHit, SearchOptions } from './types.js';
