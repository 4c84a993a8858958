import { createKnowledgeIndex, type KnowledgeIndexOptions, restoreKnowledgeIndex } from './index/index.js';
import type { SearchIndexFactory } from './search-index.js';

/** The snapshot format of the retrieval index; bump it when its bytes change meaning, so bases rebuild. */
export const retrievalIndexFormat = 'strata-retrieval/1';

/** Knowledge bases index with the retrieval layer's hybrid index (BM25 + LSA or embeddings, fused). */
export function retrievalIndexFactory(options: KnowledgeIndexOptions = {}): SearchIndexFactory {
  const restoreOptions = {
    ...(options.embed && { embed: options.embed }),
    ...(options.weights && { weights: options.weights }),
    ...(options.k1 !== undefined && { k1: options.k1 }),
    ...(options.b !== undefined && { b: options.b }),
  };
  return {
    format: `${retrievalIndexFormat}${options.embed ? '+embed' : ''}`,
    create: () => createKnowledgeIndex(options),
    restore: (snapshot) => restoreKnowledgeIndex(snapshot, restoreOptions),
  };
}
