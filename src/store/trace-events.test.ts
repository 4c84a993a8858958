import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from './testing/each-dialect.js';
import { appendRootSpanEvents } from './trace-events.js';
import { createTraceReader, createTraceWriter } from './traces.js';

eachDialect('trace events', (context) => {
  it('appends events to the root span of a stored trace, after any it has', async () => {
    const store = await context.open();
    const writer = createTraceWriter(store);
    writer.record({
      requestId: 'req_1',
      traceId: 't1',
      sessionId: null,
      createdAt: '2026-12-01T00:00:00.000Z',
      spans: [{ name: 'chat m', attributes: {} }, { name: 'strata.budget' }],
    });
    await writer.flush();
    const event = (value: number) => ({
      name: 'gen_ai.evaluation.result',
      time: 1,
      attributes: { 'gen_ai.evaluation.name': 'helpful', 'gen_ai.evaluation.score.value': value },
    });
    assert.equal(await appendRootSpanEvents(store.db, 'req_1', [event(1)]), true);
    assert.equal(await appendRootSpanEvents(store.db, 'req_1', [event(0.5)]), true);
    assert.equal(await appendRootSpanEvents(store.db, 'req_missing', [event(1)]), false);
    const trace = await createTraceReader(store.db).byRequest('req_1');
    const [root, stage] = (trace?.spans ?? []) as Array<{ events?: unknown[] }>;
    assert.deepEqual(root?.events, [event(1), event(0.5)]);
    assert.equal(stage?.events, undefined);
    await writer.close();
  });
});
