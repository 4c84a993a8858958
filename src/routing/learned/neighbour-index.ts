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
      // The best k kept in order while scanning; ties go to the lower row so results are deterministic.
      const found: Neighbour[] = [];
      for (let position = 0; position < count; position++) {
        const row = touched[position] ?? 0;
        const similarity = scores[row] ?? 0;
        scores[row] = 0;
        const worst = found[found.length - 1];
        if (found.length >= k && worst !== undefined && !better(similarity, row, worst)) continue;
        let at = found.length;
        while (at > 0 && better(similarity, row, found[at - 1] as Neighbour)) at--;
        found.splice(at, 0, { row, similarity });
        if (found.length > k) found.pop();
      }
      return found;
    },
  };
}

function better(similarity: number, row: number, than: Neighbour): boolean {
  return similarity > than.similarity || (similarity === than.similarity && row < than.row);
}
