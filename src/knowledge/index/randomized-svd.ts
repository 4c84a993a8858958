import { seededGaussian } from './seeded-random.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** A sparse rows × columns matrix in compressed-row form. */
export interface SparseRows {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** What a truncated SVD is asked for. */
export interface RandomizedSvdOptions {
  rank: number;
  oversample: number;
  powerIterations: number;
  seed: number;
}

/** out_c = A · x_c for each column pair (x columns have `columns` entries, out columns `rows`). */
function multiply(a: SparseRows, x: Float64Array[], out: Float64Array[]): void {
  x.forEach((input, c) => {
    const output = out[c] ?? new Float64Array(a.rows);
    for (let row = 0; row < a.rows; row++) {
      let sum = 0;
      for (let entry = a.rowStart[row] ?? 0; entry < (a.rowStart[row + 1] ?? 0); entry++) {
        sum += (a.value[entry] ?? 0) * (input[a.column[entry] ?? 0] ?? 0);
      }
      output[row] = sum;
    }
  });
}

/** out_c = Aᵀ · x_c (x columns have `rows` entries, out columns `columns`). */
function multiplyTransposed(a: SparseRows, x: Float64Array[], out: Float64Array[]): void {
  x.forEach((input, c) => {
    const output = out[c] ?? new Float64Array(a.columns);
    output.fill(0);
    for (let row = 0; row < a.rows; row++) {
      const factor = input[row] ?? 0;
      if (factor === 0) continue;
      for (let entry = a.rowStart[row] ?? 0; entry < (a.rowStart[row + 1] ?? 0); entry++) {
        const column = a.column[entry] ?? 0;
        output[column] = (output[column] ?? 0) + (a.value[entry] ?? 0) * factor;
      }
    }
  });
}

/** Orthonormalises columns in place by modified Gram–Schmidt; a dependent column becomes zero. */
function orthonormalise(columns: Float64Array[]): void {
  columns.forEach((column, j) => {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const basis = columns[i] ?? column;
        let dot = 0;
        for (let k = 0; k < column.length; k++) dot += (basis[k] ?? 0) * (column[k] ?? 0);
        if (dot === 0) continue;
        for (let k = 0; k < column.length; k++) column[k] = (column[k] ?? 0) - dot * (basis[k] ?? 0);
      }
    }
    let norm = 0;
    for (const value of column) norm += value * value;
    const scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < column.length; k++) column[k] = (column[k] ?? 0) * scale;
  });
}

/**
 * The leading right singular vectors of A (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1):
 * a Gaussian sketch of A's row space, power iterations with re-orthonormalisation, then the exact SVD of
 * the small projected matrix via the eigenvectors of BᵀB. Returns `rank` columns of length `a.columns`
 * (fewer when the matrix is smaller) and the matching singular values; deterministic for a seed.
 */
export function randomizedSvd(
  a: SparseRows,
  options: RandomizedSvdOptions,
): { vectors: Float64Array[]; singularValues: Float64Array } {
  const width = Math.min(options.rank + options.oversample, a.rows, a.columns);
  const rank = Math.min(options.rank, width);
  const gaussian = seededGaussian(options.seed);
  const sketch = Array.from({ length: width }, () => {
    const column = new Float64Array(a.rows);
    for (let k = 0; k < column.length; k++) column[k] = gaussian();
    return column;
  });
  const space = Array.from({ length: width }, () => new Float64Array(a.columns));
  multiplyTransposed(a, sketch, space);
  orthonormalise(space);
  for (let iteration = 0; iteration < options.powerIterations; iteration++) {
    multiply(a, space, sketch);
    orthonormalise(sketch);
    multiplyTransposed(a, sketch, space);
    orthonormalise(space);
  }
  // B = A·Q (rows × width); the eigenvectors W of BᵀB rotate Q into the right singular vectors Q·W.
  multiply(a, space, sketch);
  const gram = new Float64Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      const left = sketch[i] ?? new Float64Array(0);
      const right = sketch[j] ?? new Float64Array(0);
      let dot = 0;
      for (let k = 0; k < a.rows; k++) dot += (left[k] ?? 0) * (right[k] ?? 0);
      gram[i * width + j] = dot;
      gram[j * width + i] = dot;
    }
  }
  const { values, vectors: rotation } = symmetricEigen(gram, width);
  const vectors = Array.from({ length: rank }, (_, target) => {
    const vector = new Float64Array(a.columns);
    for (let source = 0; source < width; source++) {
      const weight = rotation[source * width + target] ?? 0;
      if (weight === 0) continue;
      const column = space[source] ?? vector;
      for (let k = 0; k < a.columns; k++) vector[k] = (vector[k] ?? 0) + weight * (column[k] ?? 0);
    }
    return vector;
  });
  const singularValues = Float64Array.from({ length: rank }, (_, index) =>
    Math.sqrt(Math.max(0, values[index] ?? 0)),
  );
  return { vectors, singularValues };
}
