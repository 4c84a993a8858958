import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, ChatRequest } from '../../core/types.js';
import { countChatTokens } from '../tokenizers/count-chat.js';
import { tokenizerFor } from '../tokenizers/tokenizer-for.js';
import { trimToWindow } from './trim-to-window.js';

const tokenizer = tokenizerFor('openai', 'gpt-4o');
const words = (n: number) => Array.from({ length: n }, (_, index) => `word${index}`).join(' ');

const conversation: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: words(200) },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 't1', type: 'function', function: { name: 'look', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 't1', content: words(200) },
  { role: 'assistant', content: words(50) },
  { role: 'user', content: words(100) },
  { role: 'assistant', content: words(50) },
  { role: 'user', content: 'And now?' },
];
const request: ChatRequest = { model: 'gpt-4o', messages: conversation };
const count = (messages: ChatMessage[]) => countChatTokens({ model: 'gpt-4o', messages }, tokenizer).tokens;

describe('trimming a conversation to a context window', () => {
  it('leaves a prompt that fits untouched', () => {
    const fitted = trimToWindow(request, tokenizer, 100_000);
    assert.equal(fitted?.request, request);
    assert.equal(fitted?.dropped, 0);
  });

  it('drops whole turns, oldest first, keeping the system message and the tool pairing', () => {
    const withoutFirstTurn = [conversation[0], ...conversation.slice(5)] as ChatMessage[];
    const fitted = trimToWindow(request, tokenizer, count(withoutFirstTurn));
    assert.deepEqual(fitted?.request.messages, withoutFirstTurn);
    assert.equal(fitted?.dropped, 4, 'the tool call goes with its result');
    assert.equal(fitted?.tokens, count(withoutFirstTurn), 'the running count matches a recount');
  });

  it('keeps dropping until it fits, but never the latest turn', () => {
    const lastOnly = [conversation[0], conversation[7]] as ChatMessage[];
    assert.deepEqual(trimToWindow(request, tokenizer, count(lastOnly))?.request.messages, lastOnly);
    assert.equal(trimToWindow(request, tokenizer, count(lastOnly) - 1), undefined);
  });
});
