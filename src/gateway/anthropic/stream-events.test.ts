import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatChunk, ChatDelta, FinishReason } from '../../core/types.js';
import { createStreamTranslator, type MessageEvent } from './stream-events.js';

function chunk(delta: ChatDelta, finish: FinishReason | null = null): ChatChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function summary(events: MessageEvent[]): string[] {
  return events.map((event) => {
    if (event.type === 'content_block_start')
      return `start ${event.index} ${String(event.content_block.type)}`;
    if (event.type === 'content_block_delta') {
      const delta = event.delta;
      return `delta ${event.index} ${delta.type === 'text_delta' ? delta.text : delta.partial_json}`;
    }
    if (event.type === 'content_block_stop') return `stop ${event.index}`;
    if (event.type === 'message_delta')
      return `message_delta ${event.delta.stop_reason} ${event.usage.output_tokens}`;
    return event.type;
  });
}

test('text then two tool calls become three blocks, with usage from the last chunk', () => {
  const translator = createStreamTranslator('alias');
  const events = [
    ...translator.start(),
    ...translator.push(chunk({ role: 'assistant', content: '' })),
    ...translator.push(chunk({ content: 'Let me look.' })),
    ...translator.push(
      chunk({
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'one', arguments: '' } }],
      }),
    ),
    ...translator.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] })),
    ...translator.push(
      chunk({
        tool_calls: [
          { index: 1, id: 'call_b', type: 'function', function: { name: 'two', arguments: '{}' } },
        ],
      }),
    ),
    ...translator.push(chunk({}, 'tool_calls')),
    ...translator.push({
      ...chunk({}),
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 },
    }),
    ...translator.finish(),
  ];
  assert.deepEqual(summary(events), [
    'message_start',
    'start 0 text',
    'delta 0 Let me look.',
    'stop 0',
    'start 1 tool_use',
    'delta 1 {"a":1}',
    'stop 1',
    'start 2 tool_use',
    'delta 2 {}',
    'stop 2',
    'message_delta tool_use 9',
    'message_stop',
  ]);
  const start = events[0];
  assert.ok(start?.type === 'message_start');
  assert.equal(start.message.model, 'alias');
});

test('a stream with no usage and no finish reason still ends the message cleanly', () => {
  const translator = createStreamTranslator('alias');
  translator.start();
  translator.push(chunk({ content: 'Hi' }));
  assert.deepEqual(summary(translator.finish()), ['stop 0', 'message_delta end_turn 0', 'message_stop']);
});

test('a server that repeats the tool call id on every fragment still yields one block', () => {
  const translator = createStreamTranslator('alias');
  const fragment = (text: string) =>
    chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'one', arguments: text } }] });
  const events = [...translator.push(fragment('{"a"')), ...translator.push(fragment(':1}'))];
  assert.deepEqual(summary(events), ['start 0 tool_use', 'delta 0 {"a"', 'delta 0 :1}']);
});
