import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { toConverseRequest } from './convert-request.js';

const model = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

test('a full conversation translates to Converse turns, system, inference and tool config', () => {
  const request: ChatRequest = {
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather here?' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          {
            id: 'tooluse_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
          { id: 'tooluse_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'tooluse_1', content: '{"temperature":4}' },
      { role: 'tool', tool_call_id: 'tooluse_2', content: 'unknown city' },
      { role: 'user', content: 'Thanks. And tomorrow?' },
    ],
    tools: [weatherTool],
    tool_choice: 'required',
    max_tokens: 300,
    temperature: 0.2,
    top_p: 0.9,
    stop: 'END',
    n: 1,
    logprobs: false,
    additionalModelRequestFields: { top_k: 40 },
  };
  const { body, jsonTool } = toConverseRequest(request, 'bedrock');
  assert.equal(jsonTool, undefined);
  assert.deepEqual(body, {
    messages: [
      {
        role: 'user',
        content: [
          { text: 'Weather here?' },
          { image: { format: 'jpeg', source: { bytes: '/9j/4AAQSkZJRg==' } } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { text: 'Checking.' },
          { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Oslo' } } },
          { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'tooluse_1', content: [{ json: { temperature: 4 } }] } },
          { toolResult: { toolUseId: 'tooluse_2', content: [{ text: 'unknown city' }] } },
          { text: 'Thanks. And tomorrow?' },
        ],
      },
    ],
    system: [{ text: 'You are terse.' }, { text: 'Use metric units.' }],
    inferenceConfig: { maxTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Current weather for a city',
            inputSchema: { json: weatherTool.function.parameters },
          },
        },
      ],
      toolChoice: { any: {} },
    },
    additionalModelRequestFields: { top_k: 40 },
  });
});

test('a bare request sends only messages', () => {
  const { body } = toConverseRequest({ model, messages: [{ role: 'user', content: 'Hi' }] }, 'bedrock');
  assert.deepEqual(body, { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
});

test('tool_choice maps to auto, a named tool, or no tools at all for "none"', () => {
  const base: ChatRequest = { model, messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool] };
  const choiceOf = (request: ChatRequest) => toConverseRequest(request, 'bedrock').body.toolConfig;
  assert.deepEqual((choiceOf({ ...base, tool_choice: 'auto' }) as { toolChoice: unknown }).toolChoice, {
    auto: {},
  });
  const named = choiceOf({ ...base, tool_choice: { type: 'function', function: { name: 'get_weather' } } });
  assert.deepEqual((named as { toolChoice: unknown }).toolChoice, { tool: { name: 'get_weather' } });
  assert.equal(choiceOf({ ...base, tool_choice: 'none' }), undefined);
  assert.equal('toolChoice' in (choiceOf(base) as object), false);
});

test('a JSON schema response format becomes one forced tool', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } } };
  const { body, jsonTool } = toConverseRequest(
    {
      model,
      messages: [{ role: 'user', content: 'Facts about Paris' }],
      response_format: { type: 'json_schema', json_schema: { name: 'city_facts', schema } },
      max_completion_tokens: 100,
    },
    'bedrock',
  );
  assert.equal(jsonTool, 'city_facts');
  assert.deepEqual(body.inferenceConfig, { maxTokens: 100 });
  assert.deepEqual(body.toolConfig, {
    tools: [
      {
        toolSpec: {
          name: 'city_facts',
          description: 'Respond with JSON that matches this schema.',
          inputSchema: { json: schema },
        },
      },
    ],
    toolChoice: { tool: { name: 'city_facts' } },
  });
});

test('parameters Bedrock lacks answer 400 unsupported_parameter naming the field', () => {
  const cases: Array<[Partial<ChatRequest>, string]> = [
    [{ n: 2 }, 'n'],
    [{ logprobs: true }, 'logprobs'],
    [{ top_logprobs: 3 }, 'top_logprobs'],
    [{ logit_bias: { '50256': -100 } }, 'logit_bias'],
    [{ seed: 7 }, 'seed'],
    [{ frequency_penalty: 0.5 }, 'frequency_penalty'],
    [{ presence_penalty: 0.5 }, 'presence_penalty'],
  ];
  for (const [extra, param] of cases) {
    assert.throws(
      () => toConverseRequest({ model, messages: [{ role: 'user', content: 'Hi' }], ...extra }, 'bedrock'),
      (error: unknown) =>
        error instanceof StrataError && error.code === 'unsupported_parameter' && error.param === param,
    );
  }
});

test('images by link, audio parts and unknown image types are refused with the field named', () => {
  const withPart = (part: object) =>
    toConverseRequest({ model, messages: [{ role: 'user', content: [part] }] } as ChatRequest, 'bedrock');
  const refused = (param: string) => (error: unknown) =>
    error instanceof StrataError && error.code === 'unsupported_parameter' && error.param === param;
  assert.throws(
    () => withPart({ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }),
    refused('messages[0].content[0]'),
  );
  assert.throws(
    () => withPart({ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }),
    refused('messages[0].content[0]'),
  );
  assert.throws(
    () => withPart({ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }),
    refused('messages[0].content[0]'),
  );
});

test('tool call arguments that are not JSON answer 400', () => {
  const request: ChatRequest = {
    model,
    messages: [
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{oops' } }],
      },
    ],
  };
  assert.throws(() => toConverseRequest(request, 'bedrock'), { code: 'invalid_request' });
});
