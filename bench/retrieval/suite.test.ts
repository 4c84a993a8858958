import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const mainScript = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const tiny = fileURLToPath(new URL('../../../bench/retrieval/__fixtures__/tiny-beir', import.meta.url));
const run = promisify(execFile);

describe('strata bench retrieval', () => {
  it('prints one JSON report with the metric keys for one dataset and mode', async () => {
    const { stdout } = await run(process.execPath, [
      mainScript,
      'bench',
      'retrieval',
      '--data',
      tiny,
      '--json',
    ]);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      'ndcg_at_10',
      'map',
      'recall_at_100',
      'mrr_at_10',
      'index_ms',
      'query_p50_ms',
      'query_p99_ms',
    ])
      assert.equal(typeof report[key], 'number', key);
    assert.equal(report.dataset, 'tiny-beir');
    assert.equal(report.queries, 4);
    assert.equal(report.map, 0.75);
  });

  it('exits non-zero with a one-line reason for a folder without data', async () => {
    await assert.rejects(
      run(process.execPath, [
        mainScript,
        'bench',
        'retrieval',
        '--data',
        fileURLToPath(new URL('.', import.meta.url)),
      ]),
      (error: { code: number; stderr: string }) =>
        error.code === 1 && /holds no corpus\.jsonl/.test(error.stderr),
    );
  });
});
