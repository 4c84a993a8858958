import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reciprocalRankFusion, weightedFusion } from './fusion.js';

describe('weightedFusion', () => {
  it('divides BM25 by the best score, clips negative cosine and weights both', () => {
    const slots = Int32Array.from([0, 1, 2]);
    const bm25 = Float64Array.from([4, 2, 0]);
    const vector = Float64Array.from([0.1, 0.9, -0.5]);
    const fused = new Float64Array(3);
    weightedFusion(slots, 3, bm25, vector, { bm25: 0.7, vector: 0.3 }, fused);
    assert.deepEqual(
      [...fused].map((value) => Number(value.toFixed(6))),
      [0.7 + 0.03, 0.35 + 0.27, 0],
    );
  });
});

describe('reciprocalRankFusion', () => {
  it('sums 1/(60 + rank) over the rankings', () => {
    const fused = new Float64Array(3);
    reciprocalRankFusion(
      [
        [0, 1],
        [1, 2],
      ],
      fused,
    );
    assert.ok(Math.abs((fused[0] ?? 0) - 1 / 61) < 1e-15);
    assert.ok(Math.abs((fused[1] ?? 0) - (1 / 62 + 1 / 61)) < 1e-15);
    assert.ok(Math.abs((fused[2] ?? 0) - 1 / 62) < 1e-15);
  });
});
