import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averagePrecision, ndcgAt, recallAt, reciprocalRankAt } from './metrics.js';

// a is judged not relevant (grade 0); b, d and e are relevant with grades 2, 1 and 3; e is never retrieved.
const ranking = ['a', 'b', 'c', 'd'];
const grades = new Map([
  ['a', 0],
  ['b', 2],
  ['d', 1],
  ['e', 3],
]);
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} is not ${expected}`);

describe('ranking metrics', () => {
  it('nDCG@k uses linear gains and the ideal order of every judged relevant document', () => {
    // DCG@3 = 2/log2(3) = 1.261860; IDCG@3 = 3 + 2/log2(3) + 1/log2(4) = 4.761860
    close(ndcgAt(3, ranking, grades), 1.26186 / 4.76186);
    // DCG@4 adds 1/log2(5) = 0.430677
    close(ndcgAt(4, ranking, grades), (1.26186 + 0.430677) / 4.76186);
    close(ndcgAt(10, [], grades), 0);
  });

  it('average precision divides by all relevant documents, retrieved or not', () => {
    close(averagePrecision(ranking, grades), (1 / 2 + 2 / 4) / 3);
  });

  it('recall@k counts relevant documents in the top k', () => {
    close(recallAt(2, ranking, grades), 1 / 3);
    close(recallAt(100, ranking, grades), 2 / 3);
  });

  it('reciprocal rank is cut at k', () => {
    close(reciprocalRankAt(10, ranking, grades), 1 / 2);
    close(reciprocalRankAt(1, ranking, grades), 0);
  });
});
