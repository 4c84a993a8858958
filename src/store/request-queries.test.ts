import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createRequestLogWriter, type RequestLogRow } from './request-log.js';
import { createRequestQueries } from './request-queries.js';
import { eachDialect } from './testing/each-dialect.js';

function row(index: number, overrides: Partial<RequestLogRow>): RequestLogRow {
  return {
    requestId: `req_totals_${index}_${Math.random().toString(36).slice(2)}`,
    createdAt: new Date(Date.parse('2026-04-01T10:00:00.000Z') + index * 1000).toISOString(),
    endpoint: '/v1/chat/completions',
    keyId: 'key_totals',
    requestedModel: 'chat',
    servedModel: 'chat-1',
    provider: 'local',
    status: 200,
    errorCode: null,
    stream: false,
    latencyMs: 100,
    ttftMs: null,
    inputTokens: 10,
    outputTokens: 5,
    cachedInputTokens: 0,
    reasoningTokens: null,
    usageEstimated: false,
    costUsd: 0.25,
    priceVersion: null,
    ...overrides,
  };
}

eachDialect('request totals', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
    const writer = createRequestLogWriter(store);
    // Latencies 1..100 ms; every tenth call a 502, two 4xx; another model and another hour left out.
    for (let index = 1; index <= 100; index++)
      writer.record(
        row(index, {
          latencyMs: index,
          status: index % 10 === 0 ? 502 : index <= 2 ? 429 : 200,
        }),
      );
    writer.record(row(200, { requestedModel: 'other', costUsd: 9 }));
    writer.record(row(7200, { costUsd: 9 }));
    await writer.close();
  });

  it('counts calls, 5xx, cost and the exact p95 latency of what a filter selects', async () => {
    const queries = createRequestQueries(store.db);
    const totals = await queries.totals({
      from: '2026-04-01T10:00:00.000Z',
      to: '2026-04-01T11:00:00.000Z',
      model: 'chat',
    });
    assert.equal(totals.requests, 100);
    assert.equal(totals.serverErrors, 10, '4xx are not server errors');
    assert.ok(Math.abs(totals.costUsd - 25) < 1e-9);
    assert.equal(totals.p95LatencyMs, 95);
  });

  it('answers zeros for an empty window', async () => {
    const totals = await createRequestQueries(store.db).totals({ from: '2030-01-01T00:00:00.000Z' });
    assert.deepEqual(totals, { requests: 0, serverErrors: 0, costUsd: 0, p95LatencyMs: 0 });
  });
});
