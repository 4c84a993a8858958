import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small routing-outcomes dataset: two models, one with a null score and cost on the second query. */
export const sampleOutcomes = [
  {
    id: 'q1',
    split: 'test',
    task: 'arc-challenge',
    prompt: 'Which planet is largest?\nA) Mars\nB) Jupiter\nAnswer:',
    scores: { 'small-model': 0, 'big/model-v2': 1 },
    cost_usd: { 'small-model': 0.0001, 'big/model-v2': 0.004 },
    responses: { 'small-model': 'A', 'big/model-v2': 'B) Jupiter is the largest planet.' },
    cost_kind: 'recorded',
  },
  {
    id: 'q2',
    split: 'train',
    task: 'mbpp',
    prompt: 'Write a python function to add two numbers.',
    scores: { 'small-model': 1, 'big/model-v2': null },
    cost_usd: { 'small-model': 0.0002, 'big/model-v2': null },
    responses: { 'small-model': 'def add(a, b):\n    return a + b' },
    cost_kind: 'recorded',
  },
  {
    id: 'q2-again',
    split: 'train',
    task: 'mbpp',
    prompt: '  Write a python   function to add two numbers. ',
    scores: { 'small-model': 0, 'big/model-v2': 0 },
    cost_usd: { 'small-model': 0.5, 'big/model-v2': 0.5 },
    cost_kind: 'recorded',
  },
];

/** Writes JSONL lines (objects are serialised, strings written as they are) to a fresh temporary folder. */
export async function writeOutcomesFile(
  lines: ReadonlyArray<object | string> = sampleOutcomes,
): Promise<{ path: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'strata-replay-'));
  const path = join(folder, 'outcomes.jsonl');
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  await writeFile(path, `${text}\n`);
  return { path, remove: () => rm(folder, { recursive: true, force: true }) };
}
