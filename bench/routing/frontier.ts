/** A policy's operating point: USD per query and accuracy (0..1). */
export interface CostQualityPoint {
  cost: number;
  quality: number;
}

/**
 * The non-decreasing upper convex hull of points (RouterBench): a point that costs more without doing
 * better than a cheaper one is dropped, and so is any point under the line joining its neighbours.
 * Returned cheapest first.
 */
export function upperHull(points: readonly CostQualityPoint[]): CostQualityPoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const rising: CostQualityPoint[] = [];
  for (const point of sorted) {
    const last = rising[rising.length - 1];
    if (last === undefined || point.quality > last.quality) rising.push(point);
  }
  const hull: CostQualityPoint[] = [];
  for (const point of rising) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2] as CostQualityPoint;
      const b = hull[hull.length - 1] as CostQualityPoint;
      const cross =
        (b.cost - a.cost) * (point.quality - a.quality) - (b.quality - a.quality) * (point.cost - a.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(point);
  }
  return hull;
}

/**
 * AIQ, RouterBench's average improvement in quality: the area under a policy family's hull with the
 * cost axis normalised by `maxCost` (the dearest single model), integrated from `minCost` (the cheapest
 * single model) to `maxCost`. The hull is flat after its dearest point and zero before its cheapest one.
 * With the single models as the family this is the zero-router AIQ the datasets' baselines report.
 */
export function aiq(points: readonly CostQualityPoint[], minCost: number, maxCost: number): number {
  const hull = upperHull(points).map((point) => ({ x: point.cost / maxCost, y: point.quality }));
  const from = minCost / maxCost;
  const to = 1;
  let area = 0;
  for (let index = 0; index < hull.length; index++) {
    const point = hull[index] as { x: number; y: number };
    const next = hull[index + 1];
    const start = Math.max(point.x, from);
    const end = Math.min(next?.x ?? to, to);
    if (end <= start) continue;
    if (next === undefined) {
      area += point.y * (end - start);
    } else {
      const at = (x: number) => point.y + ((next.y - point.y) * (x - point.x)) / (next.x - point.x);
      area += ((at(start) + at(end)) / 2) * (end - start);
    }
  }
  return area;
}

/** The cheapest cost at which the hull reaches `quality` (interpolating along it), or undefined. */
export function costAtQuality(points: readonly CostQualityPoint[], quality: number): number | undefined {
  const hull = upperHull(points);
  for (let index = 0; index < hull.length; index++) {
    const point = hull[index] as CostQualityPoint;
    if (point.quality >= quality) {
      const previous = hull[index - 1];
      if (previous === undefined) return point.cost;
      const share = (quality - previous.quality) / (point.quality - previous.quality);
      return previous.cost + share * (point.cost - previous.cost);
    }
  }
  return undefined;
}

/** A two-model router's point: share of queries sent to the strong model and its accuracy. */
export interface StrongSharePoint {
  strongShare: number;
  quality: number;
}

/**
 * RouteLLM's APGR and CPT for a weak/strong pair: PGR = (quality − weak)/(strong − weak) as a function
 * of the share of calls to the strong model, joined with the all-weak (0, 0) and all-strong (1, 1)
 * points and taken as its non-decreasing envelope. APGR is its area; CPT(x) the smallest share that
 * reaches PGR x.
 */
export function gapRecovery(
  points: readonly StrongSharePoint[],
  weakQuality: number,
  strongQuality: number,
): { apgr: number; cpt50: number; cpt80: number } {
  const gap = strongQuality - weakQuality;
  const curve = [
    { share: 0, pgr: 0 },
    ...points.map((point) => ({
      share: point.strongShare,
      pgr: gap === 0 ? 1 : (point.quality - weakQuality) / gap,
    })),
    { share: 1, pgr: 1 },
  ].sort((a, b) => a.share - b.share);
  let best = Number.NEGATIVE_INFINITY;
  const envelope = curve.map((point) => {
    best = Math.max(best, point.pgr);
    return { share: point.share, pgr: best };
  });
  let apgr = 0;
  for (let index = 1; index < envelope.length; index++) {
    const a = envelope[index - 1] as { share: number; pgr: number };
    const b = envelope[index] as { share: number; pgr: number };
    apgr += ((a.pgr + b.pgr) / 2) * (b.share - a.share);
  }
  const cpt = (target: number) => {
    for (let index = 0; index < envelope.length; index++) {
      const point = envelope[index] as { share: number; pgr: number };
      if (point.pgr >= target) {
        const previous = envelope[index - 1];
        if (previous === undefined || point.pgr === previous.pgr) return point.share;
        return (
          previous.share +
          ((target - previous.pgr) / (point.pgr - previous.pgr)) * (point.share - previous.share)
        );
      }
    }
    return 1;
  };
  return { apgr, cpt50: cpt(0.5), cpt80: cpt(0.8) };
}
