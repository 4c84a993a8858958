import type { SparseVector } from './sparse-vector.js';

/** One nearest neighbour: the training row and its cosine similarity to the query. */
export interface Neighbour {
  row: number;
  similarity: number;
}

/** Cosine k-nearest-neighbour search over L2-normalised sparse vectors, through an inverted index. */
export interface NeighbourIndex {
  size: number;
  nearest(query: SparseVector, k: number): Neighbour[];
}

/** Builds the inverted index (term → rows and weights) of the training vectors. */
export function createNeighbourIndex(vectors: readonly SparseVector[], dimensions: number): NeighbourIndex {
  const lengths = new Int32Array(dimensions + 1);
  for (const vector of vectors)
    for (const index of vector.indices) lengths[index + 1] = (lengths[index + 1] ?? 0) + 1;
  for (let index = 1; index <= dimensions; index++) {
    lengths[index] = (lengths[index] ?? 0) + (lengths[index - 1] ?? 0);
  }
  const starts = lengths;
  const total = starts[dimensions] ?? 0;
  const rows = new Int32Array(total);
  const weights = new Float32Array(total);
  const fill = starts.slice(0, dimensions);
  vectors.forEach((vector, row) => {
    for (let position = 0; position < vector.indices.length; position++) {
      const term = vector.indices[position] ?? 0;
      const slot = fill[term] ?? 0;
      rows[slot] = row;
      weights[slot] = vector.values[position] ?? 0;
      fill[term] = slot + 1;
    }
  });
  const scores = new Float32Array(vectors.length);
  const touched = new Int32Array(vectors.length);
  return {
    size: vectors.length,
    nearest(query, k) {
      let count = 0;
      for (let position = 0; position < query.indices.length; position++) {
        const term = query.indices[position] ?? 0;
        const weight = query.values[position] ?? 0;
        const end = starts[term + 1] ?? 0;
        for (let slot = starts[term] ?? 0; slot < end; slot++) {
          const row = rows[slot] ?? 0;
          if (scores[row] === 0) touched[count++] = row;
          scores[row] = (scores[row] ?? 0) + weight * (weights[slot] ?? 0);
        }
      }
      // Select the k best in linear time: find the k-th best similarity, keep what beats it, sort those.
      const similarities = new Float64Array(count);
      for (let position = 0; position < count; position++) {
        const row = touched[position] ?? 0;
        similarities[position] = scores[row] ?? 0;
        scores[row] = 0;
      }
      const cutoff = count > k ? kthLargest(similarities.slice(), k) : Number.NEGATIVE_INFINITY;
      const found: Neighbour[] = [];
      for (let position = 0; position < count; position++) {
        const similarity = similarities[position] ?? 0;
        if (similarity >= cutoff) found.push({ row: touched[position] ?? 0, similarity });
      }
      // Ties go to the lower row, so the same query always gets the same neighbours.
      found.sort((a, b) => b.similarity - a.similarity || a.row - b.row);
      if (found.length > k) found.length = k;
      return found;
    },
  };
}

/** The k-th largest value (1-based) by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] ?? 0) > pivot) left++;
      while ((values[right] ?? 0) < pivot) right--;
      if (left <= right) {
        const swap = values[left] ?? 0;
        values[left] = values[right] ?? 0;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else break;
  }
  return values[target] ?? 0;
}
