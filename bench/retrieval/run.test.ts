import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBeir } from './beir.js';
import { runRetrievalBench } from './run.js';

const cranfield = fileURLToPath(new URL('../../../../shared/data/retrieval/cranfield', import.meta.url));

describe('retrieval bench on Cranfield', () => {
  it('reproduces the BM25 reference nDCG@10 of 0.352 within ±0.005', async () => {
    const dataset = loadBeir(cranfield);
    assert.equal(dataset.corpus.length, 1400);
    const report = await runRetrievalBench(dataset, { mode: 'bm25' });
    assert.equal(report.queries, 225);
    assert.ok(Math.abs((report.ndcg_at_10 ?? 0) - 0.352) <= 0.005, `nDCG@10 ${report.ndcg_at_10}`);
    assert.ok(Math.abs((report.map ?? 0) - 0.2877) <= 0.005, `MAP ${report.map}`);
  });
});
