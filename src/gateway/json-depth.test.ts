import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonDepth, maxJsonDepth } from './json-depth.js';

test('jsonDepth counts nested objects and arrays, not brackets inside strings', () => {
  assert.equal(jsonDepth('1'), 0);
  assert.equal(jsonDepth('{"a":[1,{"b":[]}]}'), 4);
  assert.equal(jsonDepth('{"a":"[[[{{{"}'), 1);
  assert.equal(jsonDepth('{"a":"\\"[[[","b":["\\\\",[]]}'), 3);
});

test('jsonDepth stops one past the limit, on any length of nesting', () => {
  const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
  assert.equal(jsonDepth(deep), maxJsonDepth + 1);
  assert.equal(jsonDepth(deep, 10), 11);
  const atLimit = `${'{"a":'.repeat(maxJsonDepth)}1${'}'.repeat(maxJsonDepth)}`;
  assert.equal(jsonDepth(atLimit), maxJsonDepth);
});
