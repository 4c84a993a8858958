import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatRequest, ChatResponse } from '../../core/types.js';
import { checkGroundedness, type GroundingPassage } from './groundedness.js';

const passages: GroundingPassage[] = [
  {
    id: 'budgets',
    text: 'A budget reserves the estimated cost before a call. It settles the exact cost after the call ends.',
  },
  {
    id: 'limits',
    text: 'Rate limits count requests per minute for each key. A refused request gets status 429.',
  },
];

test('a sentence restating its cited chunk is supported; one its chunk does not state is not', async () => {
  const result = await checkGroundedness(
    'A budget reserves the estimated cost before each call [1]. Budgets are stored in Redis clusters [1].',
    passages,
  );
  assert.equal(result.method, 'lexical');
  assert.equal(result.sentences.length, 2);
  assert.equal(result.sentences[0]?.verdict, 'supported');
  assert.deepEqual(result.sentences[0]?.markers, [1]);
  assert.equal(result.sentences[1]?.verdict, 'unsupported');
  assert.match(result.sentences[1]?.reason ?? '', /Not in the cited text: .*"Redis"/);
  assert.ok(result.score > 0.3 && result.score < 0.8, `mixed answer scores in between: ${result.score}`);
  assert.match(result.reason, /1 of 2 sentence/);
});

test('citing the wrong chunk, a wrong number, or a flipped negation lowers the verdict', async () => {
  const wrongChunk = await checkGroundedness('A refused request gets status 429 [1].', passages);
  const rightChunk = await checkGroundedness('A refused request gets status 429 [2].', passages);
  assert.equal(rightChunk.sentences[0]?.verdict, 'supported');
  assert.ok(wrongChunk.score < rightChunk.score);
  const number = await checkGroundedness('A refused request gets status 503 [2].', passages);
  assert.equal(number.sentences[0]?.verdict, 'unsupported');
  assert.match(number.sentences[0]?.reason ?? '', /"503"/);
  const negated = await checkGroundedness(
    'A budget does not reserve the estimated cost before a call [1].',
    passages,
  );
  assert.notEqual(negated.sentences[0]?.verdict, 'supported');
  const missing = await checkGroundedness(
    'A budget reserves the estimated cost before a call [7].',
    passages,
  );
  assert.match(missing.sentences[0]?.reason ?? '', /\[7\], which is not among the passages/);
});

test('markers map to chunk ids through the citations list when one is given', async () => {
  const result = await checkGroundedness('It settles the exact cost after the call ends [1].', passages, {
    citations: [{ index: 1, chunkId: 'budgets' }],
  });
  assert.equal(result.sentences[0]?.verdict, 'supported');
  assert.equal(result.score, 1);
});

test('an abstention claims nothing and scores 1', async () => {
  const result = await checkGroundedness('Insufficient information.', passages);
  assert.equal(result.abstained, true);
  assert.equal(result.score, 1);
  assert.deepEqual(result.sentences, []);
});

test('a judge decides the verdicts when given, and an unreadable reply leaves the lexical ones', async () => {
  const requests: ChatRequest[] = [];
  const reply =
    (content: string) =>
    async (request: ChatRequest): Promise<ChatResponse> => {
      requests.push(request);
      return {
        id: 'judge-1',
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      };
    };
  const answer =
    'A budget reserves the estimated cost before a call [1]. It settles the exact cost after the call ends [1].';
  const judged = await checkGroundedness(answer, passages, {
    judge: {
      model: 'judge-model',
      chat: reply(
        '{"sentences":[{"index":1,"verdict":"supported","reason":"stated"},{"index":2,"verdict":"unsupported","reason":"not stated"}]}',
      ),
    },
  });
  assert.equal(judged.method, 'judge');
  assert.equal(judged.sentences[1]?.verdict, 'unsupported');
  assert.equal(judged.sentences[1]?.reason, 'Judge: not stated');
  assert.equal(requests[0]?.model, 'judge-model');
  assert.match(String(requests[0]?.messages[1]?.content), /\(budgets\) A budget reserves/);
  const unreadable = await checkGroundedness(answer, passages, {
    judge: { model: 'judge-model', chat: reply('sure!') },
  });
  assert.equal(unreadable.method, 'lexical');
  assert.equal(unreadable.score, 1);
});
