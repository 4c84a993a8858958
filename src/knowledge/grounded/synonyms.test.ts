import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchStrength, synonymsOf, synonymWeight } from './synonyms.js';
import { contentStems } from './terms.js';

test('a word matches itself fully, a synonym partly, anything else not at all', () => {
  const stems = contentStems('run the server with an SDK client');
  assert.equal(matchStrength(stems, 'run'), 1);
  assert.equal(matchStrength(stems, 'start'), synonymWeight);
  assert.equal(matchStrength(stems, 'sdk'), 1);
  assert.equal(matchStrength(stems, 'budget'), 0);
  assert.ok(synonymsOf('variabl').includes('var'));
  assert.deepEqual(synonymsOf('budget'), []);
});

test('everyday words find the docs words for the same thing', () => {
  assert.equal(matchStrength(contentStems('open the dashboard'), 'ui'), synonymWeight);
  assert.equal(matchStrength(contentStems('a fallback chain'), 'failov'), synonymWeight);
  assert.equal(matchStrength(contentStems('a soft budget alerts'), 'warn'), synonymWeight);
  // Irregular past forms, which the stemmer leaves as they are.
  assert.equal(matchStrength(contentStems('how long rows are kept'), 'keep'), synonymWeight);
});
