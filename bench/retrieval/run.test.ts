import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBeir } from './beir.js';
import { runRetrievalBench } from './run.js';

// Tests run from dist/bench/retrieval; the fixture stays in the source tree.
const tiny = fileURLToPath(new URL('../../../bench/retrieval/__fixtures__/tiny-beir', import.meta.url));

describe('retrieval bench on a small judged corpus', () => {
  it('scores each judged query by hand-checkable rankings', async () => {
    const dataset = loadBeir(tiny);
    assert.equal(dataset.corpus.length, 10);
    const report = await runRetrievalBench(dataset, { mode: 'bm25' });
    // q5 has no judgments and is not run; q1 and q2 find exactly their relevant documents; q3's relevant
    // document shares no word with the query (0 on every metric); q4 ranks its grade-1 document above its
    // grade-2 one, so nDCG@10 = (1 + 2/log2 3) / (2 + 1/log2 3) while AP, recall and RR stay 1.
    assert.equal(report.queries, 4);
    const q4 = (1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3));
    assert.ok(Math.abs((report.ndcg_at_10 ?? 0) - (2 + q4) / 4) < 1e-9, `nDCG@10 ${report.ndcg_at_10}`);
    assert.equal(report.map, 0.75);
    assert.equal(report.recall_at_100, 0.75);
    assert.equal(report.mrr_at_10, 0.75);
  });
});
