import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { toGeminiRequest } from './convert-request.js';

const model = 'gemini-2.0-flash';

test('roles map to user and model, system and developer become the system instruction', () => {
  const body = toGeminiRequest({
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
      { role: 'user', content: 'Hi' },
      { role: 'user', content: 'Who are you?' },
      { role: 'assistant', content: 'A model.' },
      { role: 'user', content: 'Thanks' },
    ],
  });
  assert.deepEqual(body, {
    systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in English.' }] },
    contents: [
      { role: 'user', parts: [{ text: 'Hi' }, { text: 'Who are you?' }] },
      { role: 'model', parts: [{ text: 'A model.' }] },
      { role: 'user', parts: [{ text: 'Thanks' }] },
    ],
  });
});

test('images: data URLs travel inline, other URLs by reference with a guessed type', () => {
  const body = toGeminiRequest({
    model,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.webp?size=large' } },
          { type: 'image_url', image_url: { url: 'https://example.com/photo' } },
        ],
      },
    ],
  });
  assert.deepEqual(body.contents[0]?.parts, [
    { text: 'Compare these' },
    { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
    { fileData: { fileUri: 'https://example.com/cat.webp?size=large', mimeType: 'image/webp' } },
    { fileData: { fileUri: 'https://example.com/photo', mimeType: 'image/jpeg' } },
  ]);
});

test('tool calls and results become functionCall and functionResponse parts, results in one user turn', () => {
  const body = toGeminiRequest({
    model,
    messages: [
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
          },
          { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '18°C, cloudy' },
      { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: '09:00' }] },
    ],
  });
  assert.deepEqual(body.contents.slice(1), [
    {
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
        { functionCall: { name: 'get_time', args: { city: 'Tokyo' } } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { content: '18°C, cloudy' } } },
        { functionResponse: { name: 'get_time', response: { content: '09:00' } } },
      ],
    },
  ]);
});

test('a tool result for an unknown call id is a clear 400', () => {
  assert.throws(
    () => toGeminiRequest({ model, messages: [{ role: 'tool', tool_call_id: 'call_x', content: 'done' }] }),
    (error: unknown) =>
      error instanceof StrataError &&
      error.code === 'invalid_request' &&
      error.param === 'messages[0].tool_call_id',
  );
});

test('sampling settings become generationConfig', () => {
  const body = toGeminiRequest({
    model,
    messages: [{ role: 'user', content: 'x' }],
    temperature: 0.2,
    top_p: 0.9,
    max_tokens: 50,
    max_completion_tokens: 100,
    stop: 'END',
    n: 2,
    seed: 7,
    logprobs: true,
    top_logprobs: 3,
    presence_penalty: 0.5,
    frequency_penalty: 0.25,
    response_format: { type: 'json_object' },
  });
  assert.deepEqual(body.generationConfig, {
    temperature: 0.2,
    topP: 0.9,
    maxOutputTokens: 100,
    stopSequences: ['END'],
    candidateCount: 2,
    seed: 7,
    responseLogprobs: true,
    logprobs: 3,
    presencePenalty: 0.5,
    frequencyPenalty: 0.25,
    responseMimeType: 'application/json',
  });
});

test('json_schema becomes a responseSchema in Gemini’s OpenAPI subset', () => {
  const body = toGeminiRequest({
    model,
    messages: [{ role: 'user', content: 'x' }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'answer',
        strict: true,
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: { const: 'city' }, name: { type: 'string' } },
          required: ['kind', 'name'],
        },
      },
    },
  });
  assert.deepEqual(body.generationConfig, {
    responseMimeType: 'application/json',
    responseSchema: {
      type: 'object',
      properties: { kind: { enum: ['city'], type: 'string' }, name: { type: 'string' } },
      required: ['kind', 'name'],
    },
  });
});

test('logit_bias is rejected as unsupported', () => {
  assert.throws(
    () =>
      toGeminiRequest({ model, messages: [{ role: 'user', content: 'x' }], logit_bias: { '50256': -100 } }),
    (error: unknown) =>
      error instanceof StrataError && error.code === 'unsupported_parameter' && error.param === 'logit_bias',
  );
});
