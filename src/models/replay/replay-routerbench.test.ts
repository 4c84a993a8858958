import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ChatResponse } from '../../core/types.js';
import { messageText } from './replay-answer.js';
import { createReplayProvider } from './replay-provider.js';

// Tests run from dist/src/models/replay; the fixture stays in the source tree. It is written in the
// RouterBench shape: organisation-prefixed model names, null scores and costs, per-model responses.
const routerbenchShape = fileURLToPath(
  new URL('../../../../src/models/replay/__fixtures__/routerbench-shape.jsonl', import.meta.url),
);

function answerText(response: ChatResponse): string {
  const message = response.choices[0]?.message;
  return message === undefined ? '' : messageText(message);
}

test('replays a RouterBench-shaped prompt for two models, one with an organisation prefix', async () => {
  const provider = createReplayProvider({ id: 'replay', dataPath: routerbenchShape });
  const ask = (model: string) =>
    provider.chat({
      model,
      messages: [{ role: 'user', content: 'Write a python function to count the vowels in a string.' }],
    });
  const [gpt, mistral] = await Promise.all([ask('gpt-3.5-turbo-1106'), ask('mistralai/mistral-7b-chat')]);
  assert.match(answerText(gpt), /^Here's a Python function that counts the vowels/);
  assert.match(answerText(mistral), /^Here is a simple Python function/);
  assert.deepEqual(gpt.strata_replay, {
    query_id: 'mbpp.dev.7',
    cost_usd: 0.000391,
    score: 1,
    cost_kind: 'recorded',
    response_recorded: true,
  });
  assert.deepEqual(mistral.strata_replay, {
    query_id: 'mbpp.dev.7',
    cost_usd: 3.8e-5,
    score: 1,
    cost_kind: 'recorded',
    response_recorded: true,
  });
});

test('a model whose score and cost the source left null replays them as null', async () => {
  const provider = createReplayProvider({ id: 'replay', dataPath: routerbenchShape });
  const response = await provider.chat({
    model: 'zero-one-ai/Yi-34B-Chat',
    messages: [{ role: 'user', content: 'Write a python function to count the vowels in a string.' }],
  });
  assert.deepEqual(response.strata_replay, {
    query_id: 'mbpp.dev.7',
    cost_usd: null,
    score: null,
    cost_kind: 'recorded',
    response_recorded: false,
  });
});
