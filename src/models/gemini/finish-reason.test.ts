import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCallIds, readCandidate, toLogprobs } from './candidate-parts.js';
import { toFinishReason } from './finish-reason.js';

test('finish reasons map to OpenAI’s, and any function call wins', () => {
  assert.equal(toFinishReason('STOP', false), 'stop');
  assert.equal(toFinishReason('MAX_TOKENS', false), 'length');
  for (const reason of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'LANGUAGE']) {
    assert.equal(toFinishReason(reason, false), 'content_filter', reason);
  }
  assert.equal(toFinishReason('MALFORMED_FUNCTION_CALL', false), 'stop');
  assert.equal(toFinishReason('OTHER', false), 'stop');
  assert.equal(toFinishReason(undefined, false), 'stop');
  assert.equal(toFinishReason('STOP', true), 'tool_calls');
});

test('call ids count up across a response; thoughts are skipped', () => {
  const nextCallId = createCallIds();
  const first = readCandidate(
    {
      content: {
        parts: [{ text: 'thinking…', thought: true }, { text: 'Hi' }, { functionCall: { name: 'a' } }],
      },
    },
    nextCallId,
  );
  const second = readCandidate(
    { content: { parts: [{ functionCall: { name: 'b', args: { x: 1 } } }] } },
    nextCallId,
  );
  assert.equal(first.text, 'Hi');
  assert.deepEqual(first.toolCalls, [
    { id: 'call_0', type: 'function', function: { name: 'a', arguments: '{}' } },
  ]);
  assert.deepEqual(second.toolCalls[0]?.id, 'call_1');
});

test('log probabilities take OpenAI’s shape', () => {
  assert.deepEqual(
    toLogprobs({
      chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
      topCandidates: [
        {
          candidates: [
            { token: 'Hi', logProbability: -0.1 },
            { token: 'Hello', logProbability: -2.5 },
          ],
        },
      ],
    }),
    {
      content: [
        {
          token: 'Hi',
          logprob: -0.1,
          bytes: null,
          top_logprobs: [
            { token: 'Hi', logprob: -0.1, bytes: null },
            { token: 'Hello', logprob: -2.5, bytes: null },
          ],
        },
      ],
      refusal: null,
    },
  );
  assert.equal(toLogprobs(undefined), null);
});
