/** How much each leg counts in weighted fusion. */
export interface FusionWeights {
  bm25: number;
  vector: number;
}

/**
 * Weighted score fusion: bm25/max(bm25) · w_bm25 + max(0, cosine) · w_vector, written into `fused` for
 * each of `slots[0..count)`. BM25 is divided by the query's best score so a query's scale does not
 * matter; cosine is already in [-1, 1] and negative similarity counts as none.
 */
export function weightedFusion(
  slots: Int32Array,
  count: number,
  bm25: Float64Array,
  vector: Float64Array,
  weights: FusionWeights,
  fused: Float64Array,
): void {
  let best = 0;
  for (let index = 0; index < count; index++) best = Math.max(best, bm25[slots[index] ?? 0] ?? 0);
  const lexicalScale = best > 0 ? weights.bm25 / best : 0;
  for (let index = 0; index < count; index++) {
    const slot = slots[index] ?? 0;
    fused[slot] = (bm25[slot] ?? 0) * lexicalScale + Math.max(0, vector[slot] ?? 0) * weights.vector;
  }
}

/** The constant of reciprocal rank fusion (Cormack et al. 2009): score = Σ 1 / (k + rank). */
export const rrfConstant = 60;

/** Reciprocal rank fusion of ranked slot lists into `fused` (which must start at zero for those slots). */
export function reciprocalRankFusion(rankings: readonly (readonly number[])[], fused: Float64Array): void {
  for (const ranking of rankings) {
    ranking.forEach((slot, rank) => {
      fused[slot] = (fused[slot] ?? 0) + 1 / (rrfConstant + rank + 1);
    });
  }
}
