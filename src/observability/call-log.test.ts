import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineLog } from './call-log.js';

test('the lines of one synchronous stretch go out in one write when it ends, in the same turn', async () => {
  const writes: string[] = [];
  const log = createLineLog((text) => writes.push(text), 'warn');
  log.write('warn', 'first', { request_id: 'req_1' });
  log.write('info', 'below the minimum', {});
  log.write('error', 'second', { status: 500, gone: undefined });
  assert.deepEqual(writes, [], 'nothing is written while the stretch runs');
  // The stretch ends here: the flush, queued before this await, runs first, in this same turn.
  await null;
  assert.equal(writes.length, 1);
  const lines = (writes[0] ?? '')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    lines.map(({ level, msg }) => [level, msg]),
    [
      ['warn', 'first'],
      ['error', 'second'],
    ],
  );
  assert.equal(lines[0].request_id, 'req_1');
  assert.equal(lines[1].status, 500);
  assert.equal('gone' in lines[1], false);
});
