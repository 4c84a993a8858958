/** A sparse vector: ascending term indices and their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Keeps the `limit` largest weights of a term→weight map, L2-normalised, indices ascending. */
export function toSparse(weights: ReadonlyMap<number, number>, limit: number): SparseVector {
  let entries = [...weights.entries()].filter(([, weight]) => weight > 0);
  if (entries.length > limit) {
    // Ties broken by index so training stays deterministic.
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    entries = entries.slice(0, limit);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((total, [, weight]) => total + weight * weight, 0)) || 1;
  return {
    indices: Int32Array.from(entries, ([index]) => index),
    values: Float32Array.from(entries, ([, weight]) => weight / norm),
  };
}
