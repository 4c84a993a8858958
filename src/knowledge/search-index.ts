/** A chunk as the search index sees it. */
export interface IndexChunk {
  id: string;
  text: string;
  title?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** A metadata filter: every key must match, a value by equality, an array by membership. */
export type MetadataFilter = Record<string, string | number | boolean | Array<string | number | boolean>>;

/** How to search an index. */
export interface IndexSearchOptions {
  topK?: number;
  mode?: 'bm25' | 'vector' | 'hybrid';
  filter?: MetadataFilter;
  fusion?: 'weighted' | 'rrf';
  mmr?: { lambda: number };
}

/** The search index one knowledge base keeps in memory; the retrieval layer's index fits it. */
export interface SearchIndex {
  upsert(chunks: IndexChunk[]): Promise<void>;
  remove(ids: string[]): void;
  search(query: string, options?: IndexSearchOptions): Promise<Array<{ id: string; score: number }>>;
  snapshot(): Uint8Array;
  readonly size: number;
  /** Trains the vector leg now (e.g. LSA), so a snapshot carries it and no query pays for it later. */
  refreshVectors?(): void;
}

/** Makes empty indexes and restores persisted ones; `format` tags snapshots so a new format rebuilds. */
export interface SearchIndexFactory {
  readonly format: string;
  create(): SearchIndex;
  restore(snapshot: Uint8Array): SearchIndex;
}
