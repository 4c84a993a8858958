import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatResponse } from '../../core/types.js';
import { countInputTokens } from './count-tokens.js';
import { fromChatResponse, stopReasonOf, usageOf } from './from-chat-response.js';

function response(
  message: ChatResponse['choices'][number]['message'],
  finish: 'stop' | 'length' | 'tool_calls',
) {
  const chat: ChatResponse = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'upstream-model',
    choices: [{ index: 0, message, finish_reason: finish }],
  };
  return chat;
}

test('stop reasons map to Anthropic names', () => {
  assert.equal(stopReasonOf('stop'), 'end_turn');
  assert.equal(stopReasonOf('length'), 'max_tokens');
  assert.equal(stopReasonOf('tool_calls'), 'tool_use');
  assert.equal(stopReasonOf('content_filter'), 'refusal');
  assert.equal(stopReasonOf(null), 'end_turn');
});

test('text and tool calls become blocks; arguments that are not a JSON object become {}', () => {
  const message = fromChatResponse(
    response(
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
          { id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{"q":' } },
        ],
      },
      'tool_calls',
    ),
    'my-alias',
  );
  assert.match(message.id, /^msg_/);
  assert.equal(message.model, 'my-alias');
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(message.content, [
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'call_1', name: 'lookup', input: { q: 'x' } },
    { type: 'tool_use', id: 'call_2', name: 'lookup', input: {} },
  ]);
  assert.deepEqual(message.usage, { input_tokens: 0, output_tokens: 0 });
});

test('cached tokens are reported apart and taken out of input_tokens', () => {
  const usage = usageOf({
    prompt_tokens: 100,
    completion_tokens: 7,
    total_tokens: 107,
    prompt_tokens_details: { cached_tokens: 60, cache_creation_tokens: 30 },
  });
  assert.deepEqual(usage, {
    input_tokens: 10,
    output_tokens: 7,
    cache_read_input_tokens: 60,
    cache_creation_input_tokens: 30,
  });
});

test('count_tokens counts with the serving model tokenizer', () => {
  const request = {
    model: 'fast',
    system: 'Be brief.',
    messages: [
      { role: 'user' as const, content: 'hello world' },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'hi' }] },
    ],
  };
  // o200k: 'Be brief.' 3, 'hello world' 2, 'hi' 1; 3 per message, roles 1 each, 3 to prime the reply.
  assert.equal(countInputTokens(request, 'openai', 'gpt-4o'), 3 + 2 + 1 + 3 * (3 + 1) + 3);
  assert.ok(countInputTokens(request, 'anthropic', 'claude-sonnet-4') > 0);
});
