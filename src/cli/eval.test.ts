import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strata } from './testing/run-cli.js';

const questions = [
  {
    id: 'capital',
    q: 'What is the capital of France?',
    expected: 'Paris',
    passage: 'Paris is the capital of France.',
    quick: 'Lyon.',
  },
  {
    id: 'moons',
    q: 'How many moons does Mars have?',
    expected: 'two',
    passage: 'Mars has two moons, Phobos and Deimos.',
    quick: 'Mars has two moons.',
  },
  {
    id: 'author',
    q: 'Who wrote Pride and Prejudice?',
    expected: 'Jane Austen',
    passage: 'Pride and Prejudice is a novel by Jane Austen.',
    quick: 'Charlotte Bronte.',
  },
  {
    id: 'ocean',
    q: 'What is the largest ocean on Earth?',
    expected: 'Pacific',
    passage: 'The Pacific Ocean is the largest ocean on Earth.',
    quick: 'The Pacific.',
  },
];

/** The recorded model `quick` gets half the questions right; the extractive model reads the passages. */
async function fixtures(folder: string) {
  await writeFile(
    join(folder, 'outcomes.jsonl'),
    questions
      .map((item) =>
        JSON.stringify({
          id: item.id,
          split: 'test',
          task: 'trivia',
          prompt: item.q,
          scores: { quick: item.quick.includes(item.expected) ? 1 : 0 },
          cost_usd: { quick: 0.0005 },
          responses: { quick: item.quick },
          cost_kind: 'recorded',
        }),
      )
      .join('\n'),
  );
  await writeFile(
    join(folder, 'items.jsonl'),
    questions
      .map((item) =>
        JSON.stringify({
          id: item.id,
          input: item.q,
          expected: item.expected,
          vars: { passages: [item.passage] },
        }),
      )
      .join('\n'),
  );
  await writeFile(
    join(folder, 'strata.yaml'),
    `providers:\n  replay:\n    kind: replay\n    data: ${join(folder, 'outcomes.jsonl')}\nstore:\n  home: ${join(folder, 'home')}\n`,
  );
  await writeFile(
    join(folder, 'eval.yaml'),
    [
      'description: quick vs extractive',
      'providers:',
      '  - id: replay/quick',
      '    label: quick',
      '  - id: local/extractive',
      '    label: extractive',
      'dataset_file: items.jsonl',
      'defaultTest:',
      '  assert:',
      '    - type: icontains',
      '    - type: cost',
      '      threshold: 0.001',
      'concurrency: 2',
    ].join('\n'),
  );
}

test('strata eval run compares two variants through the pipeline and gates the exit code on quality', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'strata-eval-cli-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  await fixtures(folder);
  const run = (...flags: string[]) =>
    strata(['eval', 'run', join(folder, 'eval.yaml'), '--config', join(folder, 'strata.yaml'), ...flags], {});

  const passing = await run('--fail-under', '0.5', '--html', join(folder, 'report.html'));
  assert.equal(passing.code, 0, passing.stderr);
  assert.match(passing.stdout, /quick\s+2\/4\s+50\.0%/);
  assert.match(passing.stdout, /extractive\s+4\/4\s+100\.0%/);
  assert.match(
    passing.stdout,
    /extractive vs quick: mean score \+0\.250 \(95% CI \+0\.000 to \+0\.500\), 2 better, 0 worse, 2 same/,
  );
  assert.match(passing.stdout, /capital: quick FAIL, extractive pass/);
  assert.match(passing.stdout, /Gate passed\./);
  const html = await readFile(join(folder, 'report.html'), 'utf8');
  assert.match(html, /<h2>Side by side<\/h2>/);
  assert.match(html, /Charlotte Bronte\./);
  assert.doesNotMatch(html, /<script|https?:\/\//);

  const failing = await run('--fail-under', '0.75', '--json');
  assert.equal(failing.code, 2, failing.stderr);
  const report = JSON.parse(failing.stdout) as {
    id: string;
    gate: { passed: boolean; failures: string[] };
    run: { results: Array<{ variant: string; key: string; costUsd: number | null; requestId: string }> };
    summary: { comparisons: Array<{ interval: [number, number]; significant: boolean }>; costUsd: number };
  };
  assert.deepEqual(report.gate.failures, ['quick: pass rate 50.0% is below 75.0%']);
  const quick = report.run.results.filter((result) => result.variant === 'quick');
  assert.deepEqual(
    quick.map((result) => [result.key, result.costUsd]),
    questions.map((item) => [item.id, 0.0005]),
  );
  assert.ok(Math.abs(report.summary.costUsd - 0.002) < 1e-9);
  const [comparison] = report.summary.comparisons;
  assert.deepEqual(comparison?.interval, [0, 0.5]);

  // Every call went through the pipeline: priced in the ledger under the experiment's tag, and traced.
  const env = { STRATA_HOME: join(folder, 'home') };
  const spend = await strata(
    ['spend', '--by', 'tag', '--json', '--config', join(folder, 'strata.yaml')],
    env,
  );
  const groups = JSON.parse(spend.stdout) as {
    data: Array<{ group: string; requests: number; cost_usd: number }>;
  };
  const tagged = groups.data.find((group) => group.group === `experiment:${report.id}`);
  assert.equal(tagged?.requests, 8, spend.stdout);
  assert.ok(Math.abs((tagged?.cost_usd ?? 0) - 0.002) < 1e-9);
  const shown = await strata(
    ['requests', quick[0]?.requestId ?? '', '--json', '--config', join(folder, 'strata.yaml')],
    env,
  );
  assert.match(shown.stdout, new RegExp(`experiment:${report.id}`));
  assert.match(shown.stdout, /variant:quick/);

  const broken = await strata(
    ['eval', 'run', join(folder, 'strata.yaml'), '--config', join(folder, 'strata.yaml')],
    {},
  );
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /is invalid:\n {2}- providers/);
});
