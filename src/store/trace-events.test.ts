import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from './testing/each-dialect.js';
import { appendRootSpanEvents } from './trace-events.js';
import { createTraceReader, createTraceWriter } from './traces.js';

const event = (value: number) => ({
  name: 'gen_ai.evaluation.result',
  time: 1,
  attributes: { 'gen_ai.evaluation.name': 'helpful', 'gen_ai.evaluation.score.value': value },
});

eachDialect('trace events', (context) => {
  it('adds evaluations to a stored report, and events to the root span of a trace stored as spans', async () => {
    const store = await context.open();
    const writer = createTraceWriter(store);
    const row = { traceId: 't1', sessionId: null, createdAt: '2026-12-01T00:00:00.000Z' };
    writer.record({ ...row, requestId: 'req_report', report: JSON.stringify({ requestId: 'req_report' }) });
    writer.record({
      ...row,
      requestId: 'req_spans',
      report: JSON.stringify([{ name: 'chat m' }, { name: 'strata.budget' }]),
    });
    await writer.flush();
    for (const id of ['req_report', 'req_spans']) {
      assert.equal(await appendRootSpanEvents(store.db, id, [event(1)]), true);
      assert.equal(await appendRootSpanEvents(store.db, id, [event(0.5)]), true);
    }
    assert.equal(await appendRootSpanEvents(store.db, 'req_missing', [event(1)]), false);
    // The reader turns a report into spans the way the observability layer does; here, the report itself.
    const reader = createTraceReader(store.db, (report) => [report]);
    const fromReport = (await reader.byRequest('req_report'))?.spans[0] as { evaluations?: unknown[] };
    assert.deepEqual(fromReport.evaluations, [event(1), event(0.5)]);
    const [root, stage] = ((await reader.byRequest('req_spans'))?.spans ?? []) as Array<{
      events?: unknown[];
    }>;
    assert.deepEqual(root?.events, [event(1), event(0.5)]);
    assert.equal(stage?.events, undefined);
    await writer.close();
  });
});
