import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from './ids.js';

test('ids are prefixed, unique, and sort by creation time', async () => {
  const first = newId('req');
  await sleep(2);
  const batch = Array.from({ length: 1000 }, () => newId('req'));
  assert.match(first, /^req_[0-9a-f]{32}$/);
  assert.equal(new Set(batch).size, batch.length);
  assert.ok(batch.every((id) => id > first));
});
