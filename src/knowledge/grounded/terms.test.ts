import assert from 'node:assert/strict';
import { test } from 'node:test';
import { camelParts, contentStems, termsOf } from './terms.js';

test('a phrasal verb or idiom means its one word, and keeps its spans', () => {
  assert.deepEqual(contentStems('when the budget runs out'), contentStems('when the budget is exceeded'));
  assert.deepEqual(contentStems('which port out of the box'), contentStems('which port by default'));
  assert.deepEqual(contentStems('hook up a server'), contentStems('connect a server'));
  const [out] = termsOf('run out').slice(-1);
  assert.deepEqual(out && { raw: out.raw, start: out.start }, { raw: 'out', start: 4 });
  // A particle that follows another verb stays a particle.
  assert.deepEqual([...contentStems('sort out the keys')], ['sort', 'kei']);
});

test('an identifier in camel case reads as its words; a capitalised name stays a name', () => {
  assert.equal(camelParts('baseURL'), 'base URL');
  assert.equal(camelParts('maxTokens'), 'max Tokens');
  assert.equal(camelParts('OpenAI'), '');
  assert.equal(camelParts('budget'), '');
});
