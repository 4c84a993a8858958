/** A piece of text to index: a chunk of a document, found again by its id. */
export interface IndexedChunk {
  id: string;
  text: string;
  /** Indexed with the text (title first), as in the classic test collections. */
  title?: string;
  /** Filterable fields (equality or in-list). */
  metadata?: Record<string, string | number | boolean>;
}

/** A metadata value a filter can match. */
export type MetadataValue = string | number | boolean;

/** How to search. */
export interface SearchOptions {
  /** How many hits to return (default 10). */
  topK?: number;
  /** Lexical only, vector only, or both fused (default `hybrid` when a vector leg exists, else `bm25`). */
  mode?: 'bm25' | 'vector' | 'hybrid';
  /** Every key must match: a value by equality, an array by membership. */
  filter?: Record<string, MetadataValue | MetadataValue[]>;
  /** How the two legs are combined in `hybrid` mode (default `weighted`). */
  fusion?: 'weighted' | 'rrf';
  /** Re-rank for diversity with maximal marginal relevance; lambda 1 is pure relevance, 0 pure diversity. */
  mmr?: { lambda: number };
}

/** One result, best first. `bm25` and `vector` are the legs' raw scores when they saw the chunk. */
export interface SearchHit {
  id: string;
  score: number;
  bm25?: number;
  vector?: number;
}

/** Turns texts into dense vectors, one per text, all of the same length (e.g. an embedding model). */
export type EmbedFunction = (texts: string[]) => Promise<number[][]>;
