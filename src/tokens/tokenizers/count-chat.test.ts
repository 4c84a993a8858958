import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, ToolDefinition } from '../../core/types.js';
import { countChatTokens } from './count-chat.js';
import { tokenizerFor } from './tokenizer-for.js';

// OpenAI cookbook, "How to count tokens with tiktoken", section 6: the example conversation.
const jargonMessages: ChatMessage[] = [
  {
    role: 'system',
    content:
      'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  {
    role: 'system',
    name: 'example_assistant',
    content: 'Things working well together will increase revenue.',
  },
  {
    role: 'system',
    name: 'example_user',
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

// Section 7: the function-calling example.
const weatherTools: ToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: {
            type: 'string',
            description: 'The unit of temperature to return',
            enum: ['celsius', 'fahrenheit'],
          },
        },
        required: ['location'],
      },
    },
  },
];
const weatherMessages: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

function count(model: string, request: { messages: ChatMessage[]; tools?: ToolDefinition[] }) {
  return countChatTokens({ model, ...request }, tokenizerFor('openai', model));
}

test('the cookbook conversation counts as the API reported it', () => {
  for (const model of ['gpt-3.5-turbo', 'gpt-4-0613', 'gpt-4']) {
    assert.deepEqual(count(model, { messages: jargonMessages }), { tokens: 129, exact: true }, model);
  }
  for (const model of ['gpt-4o', 'gpt-4o-mini']) {
    assert.deepEqual(count(model, { messages: jargonMessages }), { tokens: 124, exact: true }, model);
  }
});

test('the cookbook function-calling example counts as the API reported it, flagged approximate', () => {
  for (const [model, expected] of [
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ] as const) {
    const counted = count(model, { messages: weatherMessages, tools: weatherTools });
    assert.deepEqual(counted, { tokens: expected, exact: false }, model);
  }
});

test('images count by detail; a high-detail image of unknown size counts as low, not exact', () => {
  const withImage = (detail: 'low' | 'high'): ChatMessage[] => [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'hello world' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail } },
      ],
    },
  ];
  // 3 reply priming + 3 framing + 1 role + 2 text + 85 image.
  assert.deepEqual(count('gpt-4o', { messages: withImage('low') }), { tokens: 94, exact: true });
  assert.deepEqual(count('gpt-4o', { messages: withImage('high') }), { tokens: 94, exact: false });
});

test('assistant tool calls count their names and arguments', () => {
  const messages: ChatMessage[] = [
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_current_weather', arguments: '{"location":"Paris"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
  ];
  const tokenizer = tokenizerFor('openai', 'gpt-4o');
  const parts = ['assistant', 'get_current_weather', '{"location":"Paris"}', 'tool', '{"celsius":21}'];
  const expected = 3 + 3 * 2 + parts.reduce((sum, text) => sum + tokenizer.count(text), 0);
  assert.deepEqual(count('gpt-4o', { messages }), { tokens: expected, exact: false });
});

test('estimated and Llama counts are never claimed exact', () => {
  const claude = countChatTokens(
    { model: 'claude-sonnet-4-5', messages: jargonMessages },
    tokenizerFor('anthropic', 'claude-sonnet-4-5'),
  );
  assert.equal(claude.exact, false);
  assert.ok(claude.tokens > 100 && claude.tokens < 200, String(claude.tokens));
  const llama = countChatTokens(
    { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hello world!' }] },
    tokenizerFor('groq', 'llama-3.3-70b-versatile'),
  );
  // <|begin_of_text|> + header(user) + "\n\n" + 3 text + <|eot_id|> + reply header = 1 + 3 + 1 + 3 + 1 + 4.
  assert.deepEqual(llama, { tokens: 13, exact: false });
});
