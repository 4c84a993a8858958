import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ChatResponse } from '../../core/types.js';
import { messageText } from './replay-answer.js';
import { createReplayProvider } from './replay-provider.js';

// From dist/src/models/replay/ five levels up is the folder that holds the repository and the shared data.
const routingData = new URL('../../../../../shared/data/routing/', import.meta.url);
const routerbench = fileURLToPath(new URL('routerbench/outcomes.jsonl', routingData));

function answerText(response: ChatResponse): string {
  const message = response.choices[0]?.message;
  return message === undefined ? '' : messageText(message);
}

test('replays a known RouterBench prompt for two models from the shared dataset', async (t) => {
  if (!existsSync(routerbench)) {
    if (process.env.CI) assert.fail(`the shared routing data is missing: ${routerbench}`);
    t.skip(`the shared routing data is not here (${routerbench}); set it up to run this test`);
    return;
  }
  const provider = createReplayProvider({ id: 'replay', dataPath: routerbench });
  const ask = (model: string) =>
    provider.chat({
      model,
      messages: [{ role: 'user', content: 'Write a python function to identify non-prime numbers.' }],
    });
  const [gpt, mistral] = await Promise.all([ask('gpt-3.5-turbo-1106'), ask('mistralai/mistral-7b-chat')]);
  assert.match(answerText(gpt), /^Here's a Python function to identify non-prime numbers/);
  assert.match(answerText(mistral), /^Here is a simple Python function/);
  assert.deepEqual(gpt.strata_replay, {
    query_id: 'mbpp.dev.1',
    cost_usd: 0.000423,
    score: 1,
    cost_kind: 'recorded',
    response_recorded: true,
  });
  assert.deepEqual(mistral.strata_replay, {
    query_id: 'mbpp.dev.1',
    cost_usd: 4.62e-5,
    score: 1,
    cost_kind: 'recorded',
    response_recorded: true,
  });
});
