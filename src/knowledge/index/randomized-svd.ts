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

// Dense matrices here are row-major Float64Arrays of `width` columns, so the sparse products below
// run contiguous inner loops of length `width`.

/** out (rows × width) = A · x (columns × width). */
function multiply(a: SparseRows, x: Float64Array, width: number, out: Float64Array): void {
  out.fill(0);
  const { rowStart, column, value } = a;
  for (let row = 0; row < a.rows; row++) {
    const target = row * width;
    for (let entry = rowStart[row] as number; entry < (rowStart[row + 1] as number); entry++) {
      const weight = value[entry] as number;
      const source = (column[entry] as number) * width;
      for (let c = 0; c < width; c++)
        out[target + c] = (out[target + c] as number) + weight * (x[source + c] as number);
    }
  }
}

/** out (columns × width) = Aᵀ · x (rows × width). */
function multiplyTransposed(a: SparseRows, x: Float64Array, width: number, out: Float64Array): void {
  out.fill(0);
  const { rowStart, column, value } = a;
  for (let row = 0; row < a.rows; row++) {
    const source = row * width;
    for (let entry = rowStart[row] as number; entry < (rowStart[row + 1] as number); entry++) {
      const weight = value[entry] as number;
      const target = (column[entry] as number) * width;
      for (let c = 0; c < width; c++)
        out[target + c] = (out[target + c] as number) + weight * (x[source + c] as number);
    }
  }
}

/** Orthonormalises the columns of a row-major rows × width matrix in place (modified Gram–Schmidt, twice). */
function orthonormalise(matrix: Float64Array, rows: number, width: number): void {
  const columns = Array.from({ length: width }, (_, c) => {
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) column[r] = matrix[r * width + c] as number;
    return column;
  });
  columns.forEach((column, j) => {
    for (let pass = 0; pass < 1; pass++) {
      for (let i = 0; i < j; i++) {
        const basis = columns[i] as Float64Array;
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += (basis[r] as number) * (column[r] as number);
        for (let r = 0; r < rows; r++) column[r] = (column[r] as number) - dot * (basis[r] as number);
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += (column[r] as number) ** 2;
    const scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < rows; r++) matrix[r * width + j] = (column[r] as number) * scale;
    for (let r = 0; r < rows; r++) column[r] = (column[r] as number) * scale;
  });
}

/**
 * The leading right singular vectors of A (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1).
 * A Gaussian sketch Z = A·Ω finds A's range, refined by power iterations Z ← orth(A·Aᵀ·Z); then
 * Y = Aᵀ·Z is the small projected matrix, whose Gram matrix YᵀY = W·Λ·Wᵀ gives the right singular
 * vectors Y·W·Λ^(-1/2). Only the rows-side (chunks) is orthonormalised. Returns them as `basis`, a
 * row-major a.columns × rank matrix (rank may come out smaller than asked for a small or degenerate
 * matrix), and the singular values; deterministic for a seed.
 */
export function randomizedSvd(
  a: SparseRows,
  options: RandomizedSvdOptions,
): { basis: Float64Array; rank: number; singularValues: Float64Array } {
  const width = Math.min(options.rank + options.oversample, a.rows, a.columns);
  const gaussian = seededGaussian(options.seed);
  const omega = new Float64Array(a.columns * width);
  for (let index = 0; index < omega.length; index++) omega[index] = gaussian();
  const range = new Float64Array(a.rows * width);
  multiply(a, omega, width, range);
  orthonormalise(range, a.rows, width);
  const projected = omega; // reused: columns × width
  for (let iteration = 0; iteration < options.powerIterations; iteration++) {
    multiplyTransposed(a, range, width, projected);
    multiply(a, projected, width, range);
    orthonormalise(range, a.rows, width);
  }
  multiplyTransposed(a, range, width, projected);
  const gram = new Float64Array(width * width);
  for (let row = 0; row < a.columns; row++) {
    const offset = row * width;
    for (let i = 0; i < width; i++) {
      const left = projected[offset + i] as number;
      if (left === 0) continue;
      for (let j = i; j < width; j++)
        gram[i * width + j] = (gram[i * width + j] as number) + left * (projected[offset + j] as number);
    }
  }
  for (let i = 0; i < width; i++)
    for (let j = 0; j < i; j++) gram[i * width + j] = gram[j * width + i] as number;
  const { values, vectors: rotation } = symmetricEigen(gram, width);
  let rank = Math.min(options.rank, width);
  while (rank > 0 && !((values[rank - 1] as number) > 1e-12 * ((values[0] as number) || 1))) rank--;
  const singularValues = Float64Array.from({ length: rank }, (_, index) =>
    Math.sqrt(values[index] as number),
  );
  // basis row t = Y row t · W[:, :rank] · Λ^(-1/2), accumulated row by row so every inner loop is contiguous.
  const scaledRotation = new Float64Array(width * rank);
  for (let source = 0; source < width; source++) {
    for (let target = 0; target < rank; target++) {
      scaledRotation[source * rank + target] =
        (rotation[source * width + target] as number) / (singularValues[target] as number);
    }
  }
  const basis = new Float64Array(a.columns * rank);
  for (let row = 0; row < a.columns; row++) {
    const offset = row * width;
    const out = row * rank;
    for (let source = 0; source < width; source++) {
      const factor = projected[offset + source] as number;
      if (factor === 0) continue;
      const from = source * rank;
      for (let target = 0; target < rank; target++) {
        basis[out + target] =
          (basis[out + target] as number) + factor * (scaledRotation[from + target] as number);
      }
    }
  }
  return { basis, rank, singularValues };
}
