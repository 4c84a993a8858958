import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readEnvironment } from '../config/env.js';
import { configSchema } from '../config/schema.js';
import { loadOutcomes } from '../models/replay/outcomes.js';
import type { ReplayReceipt } from '../models/replay/replay-answer.js';
import { createStack } from '../pipeline/stack.js';
import { valueLayerOf } from '../value/create-value.js';

const outcomes = fileURLToPath(new URL('../../../src/value/__fixtures__/outcomes.jsonl', import.meta.url));
const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

interface Evaluation {
  lambdas: Array<{ lambda: number; accuracy: number; cost_per_1k: number }>;
}

test('a router trained --from-ledger on replayed traffic with posted outcomes matches one trained from the file', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-router-ledger-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  // The dataset's train split, replayed through the pipeline with prompts captured on the traces; each
  // answer's label posted as its outcome, the score in metadata.
  const stack = await createStack(
    configSchema.parse({
      store: { home },
      providers: { replay: { kind: 'replay', data: outcomes } },
      knowledge: { ingest_project_docs: false },
      observability: { capture_content: true, logs: 'off' },
    }),
    readEnvironment({}),
  );
  const value = await valueLayerOf(stack);
  const index = await loadOutcomes(outcomes);
  let sequence = 0;
  for (const query of index.queries()) {
    if (query.split !== 'train') continue;
    for (const [model, recorded] of query.outcomes) {
      if (recorded.score === null || recorded.costUsd === null) continue;
      const requestId = `replayed_${++sequence}`;
      const outcome = await stack.chat({
        requestId,
        endpoint: 'test/replay',
        request: { model: `replay/${model}`, messages: [{ role: 'user', content: query.prompt }] },
        principal: { kind: 'master', keyId: null, keyName: null, team: null },
        signal: AbortSignal.timeout(10_000),
        startedAt: performance.now(),
      });
      assert.equal(outcome.kind, 'response');
      const receipt =
        outcome.kind === 'response' ? (outcome.response.strata_replay as ReplayReceipt) : undefined;
      const score = receipt?.score ?? 0;
      await value.outcomes.post([
        {
          id: requestId,
          name: 'label',
          success: score >= 0.5,
          value_usd: 0,
          metadata: { score },
          request_id: requestId,
        },
      ]);
    }
  }
  await stack.close();

  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };
  const strata = async (...args: string[]) =>
    (await run(process.execPath, [mainScript, ...args], { env })).stdout;
  const fromLedger = JSON.parse(
    await strata('router', 'train', '--from-ledger', '--name', 'ledger', '--period', '1d', '--json'),
  ) as {
    rows: number;
    models: string[];
  };
  assert.deepEqual(fromLedger.models, ['big-model', 'small-model']);
  await strata('router', 'train', '--data', outcomes, '--split', 'train', '--name', 'file');
  const evaluate = async (name: string) =>
    JSON.parse(
      await strata('router', 'eval', '--name', name, '--data', outcomes, '--split', 'test', '--json'),
    ) as Evaluation;
  const ledger = await evaluate('ledger');
  const file = await evaluate('file');
  assert.equal(ledger.lambdas.length, file.lambdas.length);
  for (const [index, row] of ledger.lambdas.entries()) {
    const other = file.lambdas[index];
    assert.ok(other, `λ ${row.lambda}`);
    assert.ok(
      Math.abs(row.accuracy - other.accuracy) <= 0.01,
      `λ ${row.lambda}: accuracy ${row.accuracy} vs ${other.accuracy}`,
    );
    assert.ok(other.cost_per_1k > 0);
    assert.ok(
      Math.abs(row.cost_per_1k - other.cost_per_1k) <= 0.01 * other.cost_per_1k,
      `λ ${row.lambda}: cost ${row.cost_per_1k} vs ${other.cost_per_1k}`,
    );
  }

  // Held out: training leaves a stable share of prompts out, and eval measures on exactly those.
  const held = JSON.parse(
    await strata(
      'router',
      'train',
      '--from-ledger',
      '--name',
      'held',
      '--period',
      '1d',
      '--holdout',
      '0.5',
      '--json',
    ),
  ) as { rows: number };
  const heldEval = JSON.parse(
    await strata(
      'router',
      'eval',
      '--from-ledger',
      '--name',
      'held',
      '--period',
      '1d',
      '--holdout',
      '0.5',
      '--json',
    ),
  ) as { rows: number; held_out: number; lambdas: Array<{ accuracy: number }> };
  assert.ok(held.rows > 0 && heldEval.held_out > 0, `${held.rows} trained, ${heldEval.held_out} held out`);
  assert.equal(held.rows + heldEval.held_out, fromLedger.rows, 'every prompt is in exactly one part');
  assert.equal(heldEval.lambdas.length, 8);
  await assert.rejects(strata('router', 'eval', '--from-ledger', '--name', 'held'), /--holdout must be/);
});
