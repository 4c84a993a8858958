import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEnvironment } from '../../config/env.js';
import { parseConfig } from '../../config/load.js';
import { startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { createStack } from '../../pipeline/stack.js';
import { evaluationServices } from '../evaluation-services.js';
import { evalConfigSchema } from './eval-config.js';

/** A judge that wavers: the same answer gets 9/10 under most seeds and 4/10 under some, as real ones do. */
function gradeFor(seed: number): string {
  return (seed * 2_654_435_761) % 5 < 2 ? 'Score: 4. Partly right.' : 'Score: 9. Correct.';
}

test('a judge asked repeat times with fixed seeds gives the same verdict on every rerun', async (t) => {
  const judge = await startFakeUpstream((request, response) => {
    const body = JSON.parse(request.body) as { seed?: number; model: string };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-judge',
        object: 'chat.completion',
        created: 0,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: gradeFor(body.seed ?? 0) },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
      }),
    );
  });
  const home = await mkdtemp(join(tmpdir(), 'strata-judge-'));
  const environment = readEnvironment({ STRATA_HOME: home });
  const parsed = parseConfig(
    { providers: { grader: { kind: 'openai-compatible', base_url: `${judge.url}/v1` } } },
    environment,
  );
  assert.ok(parsed.ok);
  const stack = await createStack(parsed.value, environment);
  t.after(async () => {
    await stack.close();
    await judge.close();
    await rm(home, { recursive: true, force: true });
  });
  const config = evalConfigSchema.parse({
    providers: ['local/extractive'],
    defaultTest: {
      assert: [{ type: 'llm-rubric', value: 'Is the answer correct?', repeat: 5, pass_rate: 0.6, seed: 11 }],
      options: { provider: 'grader/judge-1' },
    },
    tests: [
      {
        vars: {
          input: 'How many moons does Mars have?',
          passages: ['Mars has two moons, Phobos and Deimos.'],
        },
      },
      { vars: { input: 'What is the capital of France?', passages: ['Paris is the capital of France.'] } },
    ],
  });
  const { experiments } = evaluationServices(stack);
  const verdicts: string[] = [];
  for (let rerun = 0; rerun < 3; rerun++) {
    const report = await experiments.run(config);
    verdicts.push(
      JSON.stringify(
        report.run.results.map((result) => [result.key, result.pass, result.assertions[0]?.reason]),
      ),
    );
  }
  assert.equal(new Set(verdicts).size, 1, verdicts.join('\n'));
  const expectedPasses = [11, 12, 13, 14, 15].filter((seed) => gradeFor(seed).startsWith('Score: 9')).length;
  assert.match(verdicts[0] ?? '', new RegExp(`${expectedPasses} of 5 judge runs passed`));
  assert.ok(expectedPasses < 5, 'the seed set includes runs the judge fails, or the test proves nothing');
  // Every judge run was its own pipeline call at temperature 0 with the next seed of the fixed set.
  const asked = judge.requests.map(
    (request) => JSON.parse(request.body) as { seed: number; temperature: number },
  );
  assert.equal(asked.length, 3 * 2 * 5);
  assert.deepEqual(
    asked
      .slice(0, 10)
      .map((body) => body.seed)
      .sort(),
    [11, 11, 12, 12, 13, 13, 14, 14, 15, 15],
  );
  assert.ok(asked.every((body) => body.temperature === 0));
  await stack.flush();
  const judged = await stack.requests.list({ tag: 'purpose:judge' }, { limit: 100 });
  assert.equal(judged.rows.length, 30);
});
