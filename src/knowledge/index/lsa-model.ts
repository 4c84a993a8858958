import type { InvertedIndex, TermRow } from './inverted-index.js';
import { randomizedSvd, type SparseRows } from './randomized-svd.js';

/** Settings of the local latent semantic analysis model. */
export interface LsaOptions {
  /**
   * Latent dimensions (default 200), capped at a quarter of the chunks: with nearly as many dimensions
   * as chunks, LSA degenerates into plain TF-IDF cosine and stops generalising.
   */
  dimensions?: number;
  /** Seed of the random sketch, so training is reproducible (default 42). */
  seed?: number;
  /** Terms in fewer chunks than this are left out of the model (default 2). */
  minDocumentFrequency?: number;
  /** Power iterations of the randomized SVD (default 2). */
  powerIterations?: number;
  /** Retrain once upserts and removals since training exceed this share of the trained corpus (default 0.2). */
  retrainFraction?: number;
  /**
   * Train on at most this many chunks (default 4000), spread evenly over the corpus; the others are
   * projected onto the learnt basis. Training cost grows with the chunks, the basis barely improves.
   */
  maxTrainingChunks?: number;
}

/** A trained model: which terms it knows, their idf, and each term's row of the latent basis. */
export interface LsaModel {
  dimensions: number;
  /** Term id → model column, -1 for terms the model leaves out (ids past the end are unknown). */
  termColumn: Int32Array;
  idf: Float64Array;
  /** columns × dimensions, row-major. */
  basis: Float32Array;
  trainedSize: number;
}

/** The default LSA settings. */
export const lsaDefaults = {
  dimensions: 200,
  seed: 42,
  minDocumentFrequency: 2,
  powerIterations: 2,
  retrainFraction: 0.2,
  maxTrainingChunks: 4000,
} satisfies Required<LsaOptions>;

/** TF-IDF weight of a term: (1 + ln tf) · idf. */
function weight(frequency: number, idf: number): number {
  return (1 + Math.log(frequency)) * idf;
}

/**
 * Trains LSA on the live chunks (or an even sample of `maxTrainingChunks` of them): TF-IDF rows (sublinear
 * tf, idf ln(N/df) over the whole corpus, unit length) reduced by a seeded randomized SVD. Returns
 * undefined when there are fewer than two chunks or terms to learn from.
 */
export function trainLsa(
  index: InvertedIndex,
  liveSlots: readonly number[],
  options: Required<LsaOptions>,
): LsaModel | undefined {
  const documentCount = index.liveCount;
  const step = Math.max(1, liveSlots.length / options.maxTrainingChunks);
  const sample = Array.from(
    { length: Math.floor(liveSlots.length / step) },
    (_, index) => liveSlots[Math.floor(index * step)] ?? 0,
  );
  const termColumn = new Int32Array(index.terms.length).fill(-1);
  const idfs: number[] = [];
  for (let termId = 0; termId < index.terms.length; termId++) {
    const df = index.documentFrequency(termId);
    if (df < options.minDocumentFrequency || df === 0) continue;
    termColumn[termId] = idfs.length;
    idfs.push(Math.log(documentCount / df));
  }
  if (sample.length < 2 || idfs.length < 2) return undefined;
  const idf = Float64Array.from(idfs);
  const rowStart = new Int32Array(sample.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  sample.forEach((slot, row) => {
    const termRow = index.rows[slot];
    const start = values.length;
    if (termRow !== undefined) appendWeights(termRow, termColumn, idf, columns, values);
    normalise(values, start);
    rowStart[row + 1] = values.length;
  });
  const matrix: SparseRows = {
    rows: sample.length,
    columns: idf.length,
    rowStart,
    column: Int32Array.from(columns),
    value: Float64Array.from(values),
  };
  const { basis: latent, rank } = randomizedSvd(matrix, {
    rank: Math.min(options.dimensions, Math.max(1, Math.floor(sample.length / 4))),
    oversample: 10,
    powerIterations: options.powerIterations,
    seed: options.seed,
  });
  return { dimensions: rank, termColumn, idf, basis: Float32Array.from(latent), trainedSize: documentCount };
}

function appendWeights(
  row: TermRow,
  termColumn: Int32Array,
  idf: Float64Array,
  columns: number[],
  values: number[],
) {
  for (let entry = 0; entry < row.terms.length; entry++) {
    const column = termColumn[row.terms[entry] ?? 0] ?? -1;
    if (column < 0) continue;
    columns.push(column);
    values.push(weight(row.freqs[entry] ?? 1, idf[column] ?? 0));
  }
}

function normalise(values: number[], start: number): void {
  let norm = 0;
  for (let entry = start; entry < values.length; entry++) norm += (values[entry] ?? 0) ** 2;
  if (norm === 0) return;
  const scale = 1 / Math.sqrt(norm);
  for (let entry = start; entry < values.length; entry++) values[entry] = (values[entry] ?? 0) * scale;
}

/** The latent vector of a bag of terms (a chunk's row or a query), not normalised. */
export function projectTerms(
  model: LsaModel,
  terms: ArrayLike<number>,
  freqs: ArrayLike<number>,
): Float64Array {
  const { dimensions, basis } = model;
  const vector = new Float64Array(dimensions);
  for (let entry = 0; entry < terms.length; entry++) {
    const column = model.termColumn[terms[entry] ?? -1] ?? -1;
    if (column < 0) continue;
    const w = weight(freqs[entry] ?? 1, model.idf[column] ?? 0);
    const offset = column * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension++) {
      vector[dimension] = (vector[dimension] ?? 0) + w * (basis[offset + dimension] ?? 0);
    }
  }
  return vector;
}
