import { type SparseVector, toSparse } from './sparse-vector.js';
import { terms } from './text-terms.js';

/** How TF-IDF features are built. */
export interface TfidfOptions {
  /** Terms in fewer training texts are dropped. */
  minDf: number;
  /** Terms in a larger share of training texts are dropped (boilerplate such as shared few-shot exemplars). */
  maxDfRatio: number;
  /** The vocabulary keeps at most this many terms, the most frequent first. */
  maxFeatures: number;
  /** Each vector keeps only its largest weights, which bounds the cost of a lookup. */
  maxTermsPerText: number;
}

/** A fitted TF-IDF vocabulary: word unigrams and bigrams with smoothed inverse document frequencies. */
export interface Tfidf {
  vocabulary: ReadonlyMap<string, number>;
  idf: Float32Array;
  options: TfidfOptions;
}

/** Fits the vocabulary and IDF on training texts; the same texts give the same result every time. */
export function fitTfidf(texts: readonly string[], options: TfidfOptions): Tfidf {
  const documentFrequency = new Map<string, number>();
  for (const text of texts) {
    for (const term of new Set(terms(text))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const maxDf = options.maxDfRatio * texts.length;
  const kept = [...documentFrequency.entries()]
    .filter(([, count]) => count >= options.minDf && count <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxFeatures)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const vocabulary = new Map<string, number>();
  const idf = new Float32Array(kept.length);
  kept.forEach(([term, count], index) => {
    vocabulary.set(term, index);
    idf[index] = Math.log((1 + texts.length) / (1 + count)) + 1;
  });
  return { vocabulary, idf, options };
}

/** The text's TF-IDF vector: sublinear term frequency times IDF, pruned and L2-normalised. */
export function vectorise(model: Tfidf, text: string): SparseVector {
  const counts = new Map<number, number>();
  for (const term of terms(text)) {
    const index = model.vocabulary.get(term);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  for (const [index, count] of counts) counts.set(index, (1 + Math.log(count)) * (model.idf[index] ?? 0));
  return toSparse(counts, model.options.maxTermsPerText);
}
