import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import type { ChatMessage, ChatRequest } from '../../core/types.js';
import { convertRequest } from './convert-request.js';

const model = 'claude-sonnet-4-20250514';
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

test('a multi-turn conversation becomes system plus alternating turns, tool results merged', () => {
  const cached: ChatMessage & { cache_control: { type: string } } = {
    role: 'user',
    content: 'Weather in Paris and Rome?',
    cache_control: { type: 'ephemeral' },
  };
  const { body } = convertRequest({
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
      cached,
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
          },
          {
            id: 'toolu_2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Rome"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
      { role: 'user', content: 'Thanks. And tomorrow?' },
      { role: 'user', content: 'Be brief.' },
    ],
  });
  assert.deepEqual(body, {
    model,
    max_tokens: 4096,
    system: [
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'Use metric units.' },
    ],
    messages: [
      {
        role: 'user',
        content: [{ type: 'text', text: 'Weather in Paris and Rome?', cache_control: { type: 'ephemeral' } }],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '24°C' },
          { type: 'text', text: 'Thanks. And tomorrow?' },
          { type: 'text', text: 'Be brief.' },
        ],
      },
    ],
  });
});

test('a single system message is a plain string; cache_control on a part is kept', () => {
  const part = { type: 'text' as const, text: 'A long shared prefix', cache_control: { type: 'ephemeral' } };
  const { body } = convertRequest({
    model,
    messages: [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: [part, { type: 'text', text: 'Question' }] },
    ],
  });
  assert.equal(body.system, 'Be kind.');
  assert.deepEqual(body.messages[0]?.content, [
    { type: 'text', text: 'A long shared prefix', cache_control: { type: 'ephemeral' } },
    { type: 'text', text: 'Question' },
  ]);
});

test('images: data URLs become base64 sources, http(s) URLs become url sources', () => {
  const { body } = convertRequest({
    model,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          { type: 'text', text: 'Compare them.' },
        ],
      },
    ],
  });
  assert.deepEqual(body.messages[0]?.content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    { type: 'text', text: 'Compare them.' },
  ]);
  assert.throws(
    () =>
      convertRequest({
        model,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }],
      }),
    (error) => error instanceof StrataError && error.param === 'messages[0].content[0].image_url.url',
  );
});

test('sampling fields, stop, user, thinking and max_completion_tokens map to their Messages names', () => {
  const { body, includeThinking } = convertRequest({
    model,
    messages: [{ role: 'user', content: 'Hi' }],
    max_tokens: 100,
    max_completion_tokens: 2048,
    stop: 'END',
    temperature: 0.2,
    top_p: 0.9,
    user: 'user-42',
    thinking: { type: 'enabled', budget_tokens: 1024 },
    include_thinking: true,
  });
  assert.deepEqual(body, {
    model,
    max_tokens: 2048,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    stop_sequences: ['END'],
    temperature: 0.2,
    top_p: 0.9,
    metadata: { user_id: 'user-42' },
    thinking: { type: 'enabled', budget_tokens: 1024 },
  });
  assert.equal(includeThinking, true);
  assert.deepEqual(convertRequest({ model, messages: [], max_tokens: 7, stop: ['a', 'b'] }).body, {
    model,
    max_tokens: 7,
    messages: [],
    stop_sequences: ['a', 'b'],
  });
});

test('tools and every tool_choice form', () => {
  const base: ChatRequest = {
    model,
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [weatherTool],
  };
  assert.deepEqual(convertRequest(base).body.tools, [
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      input_schema: weatherTool.function.parameters,
    },
  ]);
  assert.equal(convertRequest(base).body.tool_choice, undefined);
  const choice = (request: Partial<ChatRequest>) => convertRequest({ ...base, ...request }).body.tool_choice;
  assert.deepEqual(choice({ tool_choice: 'auto' }), { type: 'auto' });
  assert.deepEqual(choice({ tool_choice: 'none' }), { type: 'none' });
  assert.deepEqual(choice({ tool_choice: 'required' }), { type: 'any' });
  assert.deepEqual(choice({ tool_choice: { type: 'function', function: { name: 'get_weather' } } }), {
    type: 'tool',
    name: 'get_weather',
  });
  assert.deepEqual(choice({ parallel_tool_calls: false }), { type: 'auto', disable_parallel_tool_use: true });
  assert.deepEqual(choice({ tool_choice: 'required', parallel_tool_calls: false }), {
    type: 'any',
    disable_parallel_tool_use: true,
  });
});

test('json_schema and json_object become a forced tool', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const converted = convertRequest({
    model,
    messages: [{ role: 'user', content: 'Report' }],
    response_format: { type: 'json_schema', json_schema: { name: 'weather_report', schema, strict: true } },
  });
  assert.equal(converted.structuredTool, 'weather_report');
  assert.deepEqual(converted.body.tools, [
    {
      name: 'weather_report',
      description: 'Answer with a JSON object matching this schema.',
      input_schema: schema,
    },
  ]);
  assert.deepEqual(converted.body.tool_choice, { type: 'tool', name: 'weather_report' });
  const loose = convertRequest({ model, messages: [], response_format: { type: 'json_object' } });
  assert.equal(loose.structuredTool, 'json_object');
  assert.deepEqual(loose.body.tools?.[0]?.input_schema, { type: 'object' });
  assert.throws(
    () =>
      convertRequest({ model, messages: [], tools: [weatherTool], response_format: { type: 'json_object' } }),
    (error) => error instanceof StrataError && error.code === 'unsupported_parameter',
  );
});

test('fields Anthropic cannot honour are refused with 400 unsupported_parameter naming the field', () => {
  const cases: Array<[string, Partial<ChatRequest>]> = [
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true }],
    ['top_logprobs', { top_logprobs: 3 }],
    ['logit_bias', { logit_bias: { '50256': -100 } }],
    ['frequency_penalty', { frequency_penalty: 0.5 }],
    ['presence_penalty', { presence_penalty: 0.5 }],
    ['seed', { seed: 7 }],
  ];
  for (const [field, extra] of cases) {
    assert.throws(
      () => convertRequest({ model, messages: [], ...extra }),
      (error) =>
        error instanceof StrataError &&
        error.code === 'unsupported_parameter' &&
        error.status === 400 &&
        error.param === field &&
        error.message.includes(field),
      field,
    );
  }
  const neutral = { n: 1, logprobs: false, frequency_penalty: 0, presence_penalty: 0 };
  assert.doesNotThrow(() => convertRequest({ model, messages: [], ...neutral }));
});

test('malformed tool call arguments are a 400 naming the field', () => {
  assert.throws(
    () =>
      convertRequest({
        model,
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{oops' } }],
          },
        ],
      }),
    (error) => error instanceof StrataError && error.param === 'messages[0].tool_calls[0].function.arguments',
  );
});
