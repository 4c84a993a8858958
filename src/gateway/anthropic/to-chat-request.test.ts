import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { messagesRequestSchema } from './messages-schema.js';
import { toChatRequest } from './to-chat-request.js';

const translate = (body: Record<string, unknown>) =>
  toChatRequest(messagesRequestSchema.parse({ model: 'fast', max_tokens: 10, ...body }));

test('images become image_url parts, base64 as a data URL', () => {
  const request = translate({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ],
  });
  assert.deepEqual(request.messages[0]?.content, [
    { type: 'text', text: 'What is this?' },
    { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
    { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
  ]);
});

test('tool results go first as tool messages; an error result says so; thinking blocks are dropped', () => {
  const request = translate({
    messages: [
      { role: 'user', content: 'Run both' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'text', text: 'Running.' },
          { type: 'tool_use', id: 'a', name: 'one', input: {} },
          { type: 'tool_use', id: 'b', name: 'two', input: { x: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'a', content: [{ type: 'text', text: 'fine' }] },
          { type: 'tool_result', tool_use_id: 'b', content: 'boom', is_error: true },
        ],
      },
    ],
  });
  assert.deepEqual(request.messages.slice(1), [
    {
      role: 'assistant',
      content: 'Running.',
      tool_calls: [
        { id: 'a', type: 'function', function: { name: 'one', arguments: '{}' } },
        { id: 'b', type: 'function', function: { name: 'two', arguments: '{"x":1}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'a', content: 'fine' },
    { role: 'tool', tool_call_id: 'b', content: 'Error: boom' },
  ]);
});

test('tool_choice maps to OpenAI choices; thinking passes through', () => {
  const tools = [{ name: 'lookup', input_schema: { type: 'object' } }];
  const messages = [{ role: 'user', content: 'x' }];
  assert.equal(translate({ tools, messages, tool_choice: { type: 'auto' } }).tool_choice, 'auto');
  assert.equal(translate({ tools, messages, tool_choice: { type: 'none' } }).tool_choice, 'none');
  const named = translate({ tools, messages, tool_choice: { type: 'tool', name: 'lookup' } });
  assert.deepEqual(named.tool_choice, { type: 'function', function: { name: 'lookup' } });
  assert.equal(named.parallel_tool_calls, undefined);
  const thinking = { type: 'enabled', budget_tokens: 2048 };
  assert.deepEqual(translate({ messages, thinking }).thinking, thinking);
});

test('a document block is a clear 400 naming where it is', () => {
  assert.throws(
    () =>
      translate({
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', source: { type: 'text', data: 'x', media_type: 'text/plain' } }],
          },
        ],
      }),
    (error: unknown) =>
      error instanceof StrataError &&
      error.status === 400 &&
      error.code === 'unsupported_parameter' &&
      error.param === 'messages[0].content[0]',
  );
});

test('the schema rejects what Anthropic rejects: no max_tokens, unknown fields, a bad role', () => {
  const messages = [{ role: 'user', content: 'x' }];
  assert.equal(messagesRequestSchema.safeParse({ model: 'fast', messages }).success, false);
  assert.equal(
    messagesRequestSchema.safeParse({ model: 'fast', max_tokens: 5, messages, n: 2 }).success,
    false,
  );
  const system = [{ role: 'system', content: 'x' }];
  assert.equal(
    messagesRequestSchema.safeParse({ model: 'fast', max_tokens: 5, messages: system }).success,
    false,
  );
});
