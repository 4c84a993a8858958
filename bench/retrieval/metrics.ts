/**
 * Ranking metrics as trec_eval / pytrec_eval compute them: nDCG@k with linear gain over the judged
 * grades (ideal ranking from every judged relevant document), average precision over the whole ranking
 * (relevant = grade > 0, divided by all relevant documents), recall@k, and reciprocal rank of the first
 * relevant document within the top k. `ranking` is document ids, best first.
 */

/** nDCG@k: Σ gain/log2(rank+1) over the top k, divided by the same sum for the ideal ordering. */
export function ndcgAt(k: number, ranking: readonly string[], grades: ReadonlyMap<string, number>): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, index) => {
    const gain = grades.get(id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(index + 2);
  });
  const ideal = [...grades.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + grade / Math.log2(index + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

function relevantCount(grades: ReadonlyMap<string, number>): number {
  let count = 0;
  for (const grade of grades.values()) if (grade > 0) count++;
  return count;
}

/** Average precision: mean of precision at each relevant document's rank, over all relevant documents. */
export function averagePrecision(ranking: readonly string[], grades: ReadonlyMap<string, number>): number {
  const relevant = relevantCount(grades);
  if (relevant === 0) return 0;
  let found = 0;
  let sum = 0;
  ranking.forEach((id, index) => {
    if ((grades.get(id) ?? 0) > 0) {
      found++;
      sum += found / (index + 1);
    }
  });
  return sum / relevant;
}

/** Recall@k: the share of relevant documents in the top k. */
export function recallAt(k: number, ranking: readonly string[], grades: ReadonlyMap<string, number>): number {
  const relevant = relevantCount(grades);
  if (relevant === 0) return 0;
  return ranking.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / relevant;
}

/** Reciprocal rank of the first relevant document within the top k (0 if none). */
export function reciprocalRankAt(
  k: number,
  ranking: readonly string[],
  grades: ReadonlyMap<string, number>,
): number {
  const index = ranking.slice(0, k).findIndex((id) => (grades.get(id) ?? 0) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}
