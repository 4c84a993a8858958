import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createExperimentsRepository, type ExperimentRecord } from './experiments-repository.js';
import { createLedgerWriter } from './ledger.js';
import { ledgerRow } from './ledger-testing.js';
import { createOutcomesRepository, type OutcomeRecord } from './outcomes-repository.js';
import { createRequestLogWriter } from './request-log.js';
import { eachDialect } from './testing/each-dialect.js';
import { createValueQueries } from './value-queries.js';

function outcome(overrides: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return {
    id: 'out_1',
    name: 'ticket_resolved',
    success: true,
    valueUsd: 12.5,
    metadata: { channel: 'email', nested: { score: 0.9 } },
    subjectKind: 'correlation',
    subject: 'order-1',
    occurredAt: '2026-12-01T10:00:00.000Z',
    createdAt: '2026-12-01T10:00:01.000Z',
    ...overrides,
  };
}

function experiment(overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  return {
    id: 'exp',
    definition: '{"v":1}',
    status: 'stopped',
    source: 'api',
    createdAt: '2026-12-01T00:00:00.000Z',
    startedAt: null,
    stoppedAt: null,
    ...overrides,
  };
}

eachDialect('value store: outcomes, experiments and what outcomes join on', (context) => {
  it('stores an outcome id once: a repeat, even with other fields, keeps the first', async () => {
    const outcomes = createOutcomesRepository((await context.open()).db);
    const first = await outcomes.insert([outcome(), outcome({ id: 'out_2', success: false, valueUsd: 0 })]);
    assert.deepEqual([...first.created].sort(), ['out_1', 'out_2']);
    const again = await outcomes.insert([
      outcome({ success: false, valueUsd: 99 }),
      outcome({ id: 'out_3' }),
    ]);
    assert.deepEqual([...again.created], ['out_3']);
    assert.equal(again.stored[0]?.success, true);
    assert.equal(again.stored[0]?.valueUsd, 12.5);
    assert.deepEqual(again.stored[0]?.metadata, { channel: 'email', nested: { score: 0.9 } });
    const listed = await outcomes.list({ from: '2026-12-01T00:00:00.000Z' });
    assert.deepEqual(
      listed.map((stored) => [stored.id, stored.success]),
      [
        ['out_1', true],
        ['out_2', false],
        ['out_3', true],
      ],
    );
    assert.deepEqual(await outcomes.list({ from: '2026-12-02T00:00:00.000Z' }), []);
  });

  it('keeps experiments: ids unique, config definitions updated without losing their status', async () => {
    const experiments = createExperimentsRepository((await context.open()).db);
    assert.equal(await experiments.create(experiment()), true);
    assert.equal(await experiments.create(experiment({ definition: '{"v":2}' })), false);
    assert.equal(await experiments.setStatus('exp', 'running', '2026-12-02T00:00:00.000Z'), true);
    assert.equal(await experiments.setStatus('missing', 'running', '2026-12-02T00:00:00.000Z'), false);
    await experiments.upsertDefinition(experiment({ id: 'cfg', source: 'config', status: 'running' }));
    await experiments.setStatus('cfg', 'stopped', '2026-12-03T00:00:00.000Z');
    await experiments.upsertDefinition(
      experiment({ id: 'cfg', source: 'config', status: 'running', definition: '{"v":3}' }),
    );
    const listed = await experiments.list();
    assert.deepEqual(
      listed.map((record) => [
        record.id,
        record.status,
        record.definition,
        record.startedAt,
        record.stoppedAt,
      ]),
      [
        ['cfg', 'stopped', '{"v":3}', null, '2026-12-03T00:00:00.000Z'],
        ['exp', 'running', '{"v":1}', '2026-12-02T00:00:00.000Z', null],
      ],
    );
  });

  it('records session, correlation and experiment on request rows, and reads a window with its ledger', async () => {
    const store = await context.open();
    const writer = createRequestLogWriter(store);
    const ledger = createLedgerWriter(store);
    const base = {
      createdAt: '2026-12-01T12:00:00.000Z',
      endpoint: '/v1/chat/completions',
      keyId: 'key_a',
      requestedModel: 'assistant',
      servedModel: 'gpt-4o-mini',
      provider: 'openai',
      status: 200,
      errorCode: null,
      stream: false,
      latencyMs: 40.6,
      ttftMs: null,
      inputTokens: 10,
      outputTokens: 5,
      cachedInputTokens: 0,
      reasoningTokens: null,
      usageEstimated: false,
      costUsd: 0.002,
      priceVersion: 'v1',
    };
    writer.record({
      ...base,
      requestId: 'req_value_1',
      sessionId: 'session-1',
      correlationId: 'order-1',
      experiment: 'exp',
      variant: 'treatment',
    });
    writer.record({ ...base, requestId: 'req_value_2', createdAt: '2026-12-05T00:00:00.000Z' });
    ledger.record(ledgerRow({ requestId: 'req_value_1', createdAt: base.createdAt, costUsd: 0.001 }));
    ledger.record(
      ledgerRow({
        requestId: 'req_value_1',
        attempt: 2,
        purpose: 'verifier',
        createdAt: base.createdAt,
        costUsd: 0.001,
      }),
    );
    await Promise.all([writer.close(), ledger.close()]);
    const queries = createValueQueries(store.db);
    const requests = await queries.requests('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
    assert.deepEqual(requests, [
      {
        requestId: 'req_value_1',
        createdAt: base.createdAt,
        requestedModel: 'assistant',
        status: 200,
        latencyMs: 41,
        sessionId: 'session-1',
        correlationId: 'order-1',
        experiment: 'exp',
        variant: 'treatment',
      },
    ]);
    const rows = await queries.ledger('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
    assert.deepEqual(
      rows.map((row) => [row.requestId, row.purpose, row.costUsd]),
      [
        ['req_value_1', 'primary', 0.001],
        ['req_value_1', 'verifier', 0.001],
      ],
    );
  });
});
