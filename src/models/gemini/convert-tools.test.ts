import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatRequest } from '../../core/types.js';
import { toGeminiRequest } from './convert-request.js';

const model = 'gemini-2.0-flash';

test('tools become function declarations without the schema keywords Gemini rejects', () => {
  const body = toGeminiRequest({
    model,
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather',
          strict: true,
          parameters: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            additionalProperties: false,
            properties: {
              location: { type: 'string' },
              unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit'] },
              days: { type: 'array', items: { type: 'integer', additionalProperties: false } },
            },
            required: ['location'],
          },
        },
      },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
    ],
    tool_choice: 'required',
  });
  assert.deepEqual(body.tools, [
    {
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'Current weather',
          parameters: {
            type: 'object',
            properties: {
              location: { type: 'string' },
              unit: { type: 'string', enum: ['celsius', 'fahrenheit'], nullable: true },
              days: { type: 'array', items: { type: 'integer' } },
            },
            required: ['location'],
          },
        },
        { name: 'now' },
      ],
    },
  ]);
  assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
});

test('tool_choice maps to AUTO, NONE and ANY with allowed function names', () => {
  const choose = (tool_choice: NonNullable<ChatRequest['tool_choice']>) =>
    toGeminiRequest({ model, messages: [{ role: 'user', content: 'x' }], tool_choice }).toolConfig;
  assert.deepEqual(choose('auto'), { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual(choose('none'), { functionCallingConfig: { mode: 'NONE' } });
  assert.deepEqual(choose({ type: 'function', function: { name: 'get_weather' } }), {
    functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
  });
});
