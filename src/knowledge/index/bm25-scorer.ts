import { ensureFloat64, ensureInt32 } from './growable.js';
import type { InvertedIndex } from './inverted-index.js';

/** BM25's two knobs: term-frequency saturation and length normalisation. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** Lucene's BM25 idf: log(1 + (N - df + 0.5) / (df + 0.5)), always positive. */
export function bm25Idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Scores a query against the inverted index into a reused dense score array. Each distinct query term
 * contributes qtf · idf · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)), with qtf its count in the query.
 * After `score`, `scores[slot]` holds each matched chunk's score and `touched[0..count)` lists the slots.
 */
export class Bm25Scorer {
  scores = new Float64Array(0);
  touched = new Int32Array(0);
  count = 0;

  constructor(
    private readonly index: InvertedIndex,
    readonly parameters: Bm25Parameters,
  ) {}

  /** Scores the analysed query terms; returns the number of chunks matched. */
  score(queryTerms: readonly string[], capacity: number): number {
    this.reset(capacity);
    const { index } = this;
    const { k1, b } = this.parameters;
    const documentCount = index.liveCount;
    if (documentCount === 0) return 0;
    const averageLength = index.totalLength / documentCount || 1;
    const queryCounts = new Map<number, number>();
    for (const term of queryTerms) {
      const id = index.termId(term, false);
      if (id >= 0) queryCounts.set(id, (queryCounts.get(id) ?? 0) + 1);
    }
    const lengths = index.lengths;
    const scores = this.scores;
    for (const [termId, queryFrequency] of queryCounts) {
      const postings = index.postingsOf(termId);
      if (postings === undefined || postings.length === 0) continue;
      const weight = queryFrequency * bm25Idf(documentCount, postings.length) * (k1 + 1);
      const { slots, freqs } = postings;
      for (let index = 0; index < postings.length; index++) {
        const slot = slots[index] ?? 0;
        const tf = freqs[index] ?? 0;
        const norm = k1 * (1 - b + (b * (lengths[slot] ?? 0)) / averageLength);
        if (scores[slot] === 0) this.touched[this.count++] = slot;
        scores[slot] = (scores[slot] ?? 0) + (weight * tf) / (tf + norm);
      }
    }
    return this.count;
  }

  private reset(capacity: number): void {
    for (let index = 0; index < this.count; index++) this.scores[this.touched[index] ?? 0] = 0;
    this.count = 0;
    if (this.scores.length < capacity) {
      this.scores = ensureFloat64(this.scores, capacity);
      this.touched = ensureInt32(this.touched, capacity);
    }
  }
}
