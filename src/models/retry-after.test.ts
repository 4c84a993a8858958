import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRetryAfter } from './retry-after.js';

test('Retry-After accepts seconds, an HTTP date, retry-after-ms, and ignores garbage', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30_000);
  assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, now), 0);
  assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
  assert.equal(parseRetryAfter({ 'retry-after-ms': 'x', 'retry-after': '1.5' }, now), 1500);
  assert.equal(parseRetryAfter({ 'retry-after-ms': '250.4', 'retry-after': '9' }, now), 250);
  assert.equal(parseRetryAfter({ 'retry-after': ['3', '4'] }, now), 3000);
  assert.equal(parseRetryAfter({}, now), undefined);
});
