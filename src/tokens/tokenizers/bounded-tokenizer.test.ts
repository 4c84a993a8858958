import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundTokenizer, exactCountAllowance } from './bounded-tokenizer.js';
import { countChatTokens } from './count-chat.js';
import { tokenizerFor } from './tokenizer-for.js';

const o200k = tokenizerFor('openai', 'gpt-4o');
const sentence = 'The Normans gave their name to Normandy, a region in France. ';

function base64(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = 11;
  let text = '';
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += alphabet[Math.floor(state / 65536) % 64];
  }
  return text;
}

test('texts inside the allowance are counted exactly', () => {
  const bounded = boundTokenizer(o200k);
  const text = sentence.repeat(100);
  assert.equal(bounded.count(text), o200k.count(text));
  assert.equal(bounded.count(text), o200k.count(text));
  assert.equal(bounded.estimated, false);
});

test('past the allowance a text is estimated from samples and flagged', () => {
  const bounded = boundTokenizer(o200k, 10_000);
  const text = base64(40_000);
  const estimate = bounded.count(text);
  assert.equal(bounded.estimated, true);
  // Random base64 runs near 0.7 tokens a character, well above the 1/4 of the character heuristic.
  const exact = o200k.count(text);
  assert.ok(estimate >= exact * 0.9 && estimate <= exact * 1.1, `${estimate} for ${exact}`);
});

test('the allowance is shared by every text of one count, so splitting a prompt gains nothing', () => {
  const allowance = exactCountAllowance.o200k_base;
  const part = sentence.repeat(Math.ceil(allowance / sentence.length / 3));
  const messages = Array.from({ length: 4 }, () => ({ role: 'user' as const, content: part }));
  const counted = countChatTokens({ model: 'gpt-4o', messages }, o200k);
  assert.equal(counted.exact, false);
  const fewer = countChatTokens({ model: 'gpt-4o', messages: messages.slice(0, 2) }, o200k);
  assert.equal(fewer.exact, true);
});

test('a megabyte without whitespace is estimated, not counted, and leans high', () => {
  const text = 'a'.repeat(1_000_000);
  const counted = countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }, o200k);
  assert.equal(counted.exact, false);
  // o200k_base spends one token on eight a's; the estimate may only run high.
  assert.ok(counted.tokens >= 125_000, `${counted.tokens}`);
});

test('the character estimate is never bounded', () => {
  const claude = boundTokenizer(tokenizerFor('anthropic', 'claude-sonnet-4-5'));
  claude.count('x'.repeat(5_000_000));
  assert.equal(claude.estimated, false);
});
