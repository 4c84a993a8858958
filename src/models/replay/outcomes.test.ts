import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { loadOutcomes, normalisePrompt } from './outcomes.js';
import { sampleOutcomes, writeOutcomesFile } from './testing/outcomes-file.js';

describe('loadOutcomes', () => {
  test('finds a prompt whatever its whitespace, and only an exact match after that', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const index = await loadOutcomes(file.path);
    const found = index.find('  Which planet   is largest?   A) Mars\n\nB) Jupiter Answer:');
    assert.equal(found?.id, 'q1');
    assert.equal(found?.outcomes.get('big/model-v2')?.response, 'B) Jupiter is the largest planet.');
    assert.equal(index.find('Which planet is largest?'), undefined);
    assert.equal(index.find('which planet is largest? A) Mars B) Jupiter Answer:'), undefined);
    assert.deepEqual(index.models, ['big/model-v2', 'small-model']);
  });

  test('keeps the first of duplicate prompts and counts the rest', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const index = await loadOutcomes(file.path);
    assert.equal(index.size, 2);
    assert.equal(index.duplicates, 1);
    assert.deepEqual(
      index.queries().map((query) => query.id),
      ['q1', 'q2', 'q2-again'],
    );
    assert.equal(index.findById('q2-again')?.outcomes.get('small-model')?.costUsd, 0.5);
    assert.equal(index.find(sampleOutcomes[2]?.prompt ?? '')?.id, 'q2');
  });

  test('keeps null scores and costs as null and a missing response as undefined', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const outcome = (await loadOutcomes(file.path)).find('Write a python function to add two numbers.');
    assert.deepEqual(outcome?.outcomes.get('big/model-v2'), {
      score: null,
      costUsd: null,
      response: undefined,
    });
    assert.deepEqual(outcome?.outcomes.get('small-model'), {
      score: 1,
      costUsd: 0.0002,
      response: 'def add(a, b):\n    return a + b',
    });
  });

  test('accepts a dataset without costs at all', async (t) => {
    const file = await writeOutcomesFile([
      {
        id: 7,
        split: 'all',
        task: 'gsm8k',
        prompt: 'p',
        scores: { m: 0.5 },
        cost_usd: null,
        cost_kind: 'none',
      },
    ]);
    t.after(() => file.remove());
    const query = (await loadOutcomes(file.path)).find('p');
    assert.equal(query?.id, '7');
    assert.deepEqual(query?.outcomes.get('m'), { score: 0.5, costUsd: null, response: undefined });
  });

  test('a line that is not JSON names the file and line number', async (t) => {
    const file = await writeOutcomesFile([sampleOutcomes[0] ?? {}, '', '{"id": "broken",']);
    t.after(() => file.remove());
    await assert.rejects(loadOutcomes(file.path), (error: unknown) => {
      assert.ok(error instanceof StrataError);
      assert.equal(error.code, 'config_invalid');
      assert.match(error.message, new RegExp(`${escapeRegExp(file.path)} line 3 is not valid JSON`));
      return true;
    });
  });

  test('a line of the wrong shape names the line and the field', async (t) => {
    const file = await writeOutcomesFile([
      sampleOutcomes[0] ?? {},
      { ...sampleOutcomes[1], scores: { m: 2 } },
    ]);
    t.after(() => file.remove());
    await assert.rejects(loadOutcomes(file.path), /line 2 is not a routing outcome: scores\.m: /);
  });

  test('a missing file is a config error naming the path', async () => {
    await assert.rejects(loadOutcomes('/nonexistent/outcomes.jsonl'), (error: unknown) => {
      assert.ok(error instanceof StrataError);
      assert.equal(error.code, 'config_invalid');
      assert.match(error.message, /\/nonexistent\/outcomes\.jsonl/);
      return true;
    });
  });
});

test('normalisePrompt collapses whitespace runs and trims', () => {
  assert.equal(normalisePrompt('\t a \n\n b  c '), 'a b c');
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
