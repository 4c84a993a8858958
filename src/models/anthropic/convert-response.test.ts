import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from '../testing/fixtures.js';
import { convertResponse } from './convert-response.js';
import { toFinishReason } from './finish-reason.js';
import { isMessagesResponse, type MessagesResponse } from './messages-api.js';
import { toWireUsage } from './usage.js';

function fixture(name: string): MessagesResponse {
  const parsed: unknown = JSON.parse(readFixture(`anthropic/${name}`));
  assert.ok(isMessagesResponse(parsed), name);
  return parsed;
}

const created = 1_754_937_155;

test('a text answer becomes one assistant choice with usage', () => {
  assert.deepEqual(convertResponse(fixture('message-text.json'), { created }), {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    object: 'chat.completion',
    created,
    model: 'claude-sonnet-4-20250514',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello! How can I help you today?' },
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 12,
      completion_tokens: 12,
      total_tokens: 24,
      prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
    },
  });
});

test('tool_use blocks become tool_calls with JSON-stringified input', () => {
  const choice = convertResponse(fixture('message-tool-use.json'), { created }).choices[0];
  assert.equal(choice?.finish_reason, 'tool_calls');
  assert.equal(choice?.message.content, "I'll check the current weather in San Francisco for you.");
  assert.deepEqual(choice?.message.tool_calls, [
    {
      id: 'toolu_01A09q90qw90lq917835lq9',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
    },
  ]);
});

test('parallel tool use keeps every call in order; cache reads count as cached prompt tokens', () => {
  const response = convertResponse(fixture('message-parallel-tool-use.json'), { created });
  const calls = response.choices[0]?.message.tool_calls ?? [];
  assert.deepEqual(
    calls.map((call) => [call.id, call.function.name, call.function.arguments]),
    [
      ['toolu_01VU5mEnU4s7njz8kUzNjgQX', 'get_weather', '{"location":"San Francisco, CA"}'],
      ['toolu_01GkqUBzXsvJ9xWbUdBu7xUp', 'get_time', '{"timezone":"America/New_York"}'],
    ],
  );
  assert.deepEqual(response.usage, {
    prompt_tokens: 1824 + 1536,
    completion_tokens: 131,
    total_tokens: 1824 + 1536 + 131,
    prompt_tokens_details: { cached_tokens: 1536, cache_creation_tokens: 0 },
  });
});

test('thinking is left out unless asked for, then returned as reasoning_content', () => {
  const message = fixture('message-thinking-cached.json');
  const plain = convertResponse(message, { created }).choices[0]?.message;
  assert.deepEqual(plain, { role: 'assistant', content: '27 × 453 = 12,231.' });
  const withThinking = convertResponse(message, { created, includeThinking: true }).choices[0]?.message;
  assert.deepEqual(withThinking, {
    role: 'assistant',
    content: '27 × 453 = 12,231.',
    reasoning_content: 'The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.',
  });
  assert.deepEqual(convertResponse(message, { created }).usage, {
    prompt_tokens: 21 + 188 + 2051,
    completion_tokens: 393,
    total_tokens: 21 + 188 + 2051 + 393,
    prompt_tokens_details: { cached_tokens: 2051, cache_creation_tokens: 188 },
  });
});

test('the forced structured-output tool comes back as JSON content with finish_reason stop', () => {
  const response = convertResponse(fixture('message-json-schema.json'), {
    created,
    structuredTool: 'weather_report',
  });
  const choice = response.choices[0];
  assert.equal(choice?.finish_reason, 'stop');
  assert.equal(choice?.message.tool_calls, undefined);
  assert.deepEqual(JSON.parse(choice?.message.content as string), {
    city: 'Paris',
    temperature_c: 18,
    conditions: 'partly cloudy',
  });
});

test('every stop_reason maps to its finish_reason', () => {
  const expected = {
    end_turn: 'stop',
    stop_sequence: 'stop',
    pause_turn: 'stop',
    max_tokens: 'length',
    tool_use: 'tool_calls',
    refusal: 'content_filter',
  };
  for (const [stopReason, finishReason] of Object.entries(expected)) {
    assert.equal(toFinishReason(stopReason), finishReason, stopReason);
  }
  assert.equal(toFinishReason(null), null);
});

test('usage tolerates missing and null counts', () => {
  assert.deepEqual(toWireUsage({ input_tokens: 5, output_tokens: 2, cache_read_input_tokens: null }), {
    prompt_tokens: 5,
    completion_tokens: 2,
    total_tokens: 7,
    prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
  });
});
