/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): repeatedly picks the candidate maximising
 * λ·relevance − (1−λ)·(its highest similarity to anything already picked). Relevance is scaled to
 * [0, 1] by the best candidate's so λ means the same for every scoring mode. Returns up to `k`
 * positions into `candidates`, in pick order.
 */
export function maximalMarginalRelevance(
  relevance: readonly number[],
  similarity: (a: number, b: number) => number,
  lambda: number,
  k: number,
): number[] {
  const best = Math.max(0, ...relevance);
  const scaled = relevance.map((value) => (best > 0 ? value / best : 0));
  const closest = new Float64Array(relevance.length).fill(Number.NEGATIVE_INFINITY);
  const picked: number[] = [];
  const taken = new Uint8Array(relevance.length);
  while (picked.length < Math.min(k, relevance.length)) {
    let choice = -1;
    let choiceValue = Number.NEGATIVE_INFINITY;
    for (let candidate = 0; candidate < relevance.length; candidate++) {
      if (taken[candidate] === 1) continue;
      const redundancy = picked.length === 0 ? 0 : (closest[candidate] ?? 0);
      const value = lambda * (scaled[candidate] ?? 0) - (1 - lambda) * redundancy;
      if (value > choiceValue) {
        choice = candidate;
        choiceValue = value;
      }
    }
    if (choice < 0) break;
    picked.push(choice);
    taken[choice] = 1;
    for (let candidate = 0; candidate < relevance.length; candidate++) {
      if (taken[candidate] === 1) continue;
      closest[candidate] = Math.max(closest[candidate] ?? 0, similarity(candidate, choice));
    }
  }
  return picked;
}
