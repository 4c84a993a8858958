import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from './ids.js';
import { formatTraceparent, parseTraceparent, spanIdOf, traceOf } from './trace-context.js';

describe('trace context', () => {
  it('continues a valid traceparent and refuses malformed ones', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    assert.deepEqual(parseTraceparent(header), {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      sampled: true,
    });
    assert.equal(parseTraceparent(`${header}-extra`), undefined);
    assert.equal(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01'), undefined);
    assert.equal(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), undefined);
    assert.equal(parseTraceparent('00-xyz-00f067aa0ba902b7-01'), undefined);
    assert.equal(parseTraceparent(undefined), undefined);
    assert.equal(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')?.sampled, false);
  });

  it('derives a new trace and distinct span ids from the request id', () => {
    const requestId = newId('req');
    const trace = traceOf(requestId, undefined);
    assert.match(trace.traceId, /^[0-9a-f]{32}$/);
    assert.equal(trace.parentSpanId, undefined);
    const ids = new Set([0, 1, 2, 3].map((index) => spanIdOf(requestId, index)));
    assert.equal(ids.size, 4);
    for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/);
    assert.notEqual(traceOf(newId('req'), undefined).traceId, trace.traceId);
    assert.equal(formatTraceparent(trace.traceId, spanIdOf(requestId, 0)).length, 55);
  });
});
