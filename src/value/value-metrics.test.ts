import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ledgerRow } from '../store/ledger-testing.js';
import type { OutcomeRecord } from '../store/outcomes-repository.js';
import type { ValueRequest } from '../store/value-queries.js';
import { savingsOf } from './savings.js';
import { joinValue } from './value-join.js';
import { valueMetrics } from './value-metrics.js';

const request = (id: string, overrides: Partial<ValueRequest> = {}): ValueRequest => ({
  requestId: id,
  createdAt: '2026-12-01T10:00:00.000Z',
  requestedModel: 'support',
  status: 200,
  latencyMs: 100,
  sessionId: null,
  correlationId: null,
  experiment: null,
  variant: null,
  ...overrides,
});

const outcome = (
  id: string,
  success: boolean,
  subject: Pick<OutcomeRecord, 'subjectKind' | 'subject'>,
): OutcomeRecord => ({
  id,
  name: 'resolved',
  success,
  valueUsd: success ? 10 : 0,
  metadata: {},
  occurredAt: '2026-12-03T00:00:00.000Z',
  createdAt: '2026-12-03T00:00:00.000Z',
  ...subject,
});

// r1: a failed primary, a fallback and a verifier; r2 a plain call in the same session; r3 no outcome.
const requests = [
  request('r1', { sessionId: 's1' }),
  request('r2', { sessionId: 's1', createdAt: '2026-12-02T10:00:00.000Z' }),
  request('r3', { correlationId: 'order-9' }),
];
const ledger = [
  ledgerRow({ requestId: 'r1', attempt: 1, status: 503, costUsd: 0, team: 'care', tags: ['chat', 'vip'] }),
  ledgerRow({
    requestId: 'r1',
    attempt: 2,
    purpose: 'fallback',
    costUsd: 0.004,
    model: 'big',
    team: 'care',
    tags: ['chat', 'vip'],
  }),
  ledgerRow({
    requestId: 'r1',
    attempt: 3,
    purpose: 'verifier',
    costUsd: 0.001,
    model: 'judge',
    team: 'care',
    tags: ['chat', 'vip'],
  }),
  ledgerRow({ requestId: 'r2', costUsd: 0.002, team: 'care', tags: ['chat'] }),
  ledgerRow({ requestId: 'r3', costUsd: 0.003, team: 'sales' }),
];

test("a key's outcome joins only calls of its own key or team; a trusted poster's joins any", () => {
  const posted = (id: string, postedBy: OutcomeRecord['postedBy']) => ({
    ...outcome(id, true, { subjectKind: 'request', subject: 'r3' }),
    postedBy,
  });
  const join = joinValue(requests, ledger, [
    posted('from-care', { keyId: 'key_care', team: 'care' }),
    posted('from-sales', { keyId: 'key_other', team: 'sales' }),
    posted('from-key', { keyId: 'key_a', team: null }),
    posted('trusted', undefined),
  ]);
  const joinedTo = (id: string) => join.outcomes.find((joined) => joined.outcome.id === id)?.requestIds;
  assert.deepEqual(joinedTo('from-care'), [], "care cannot attach an outcome to sales' call");
  assert.deepEqual(joinedTo('from-sales'), ['r3'], 'the same team');
  assert.deepEqual(joinedTo('from-key'), ['r3'], 'the key that made the call');
  assert.deepEqual(joinedTo('trusted'), ['r3']);
  assert.deepEqual(
    join.requests.find((joined) => joined.request.requestId === 'r3')?.outcomes.map((joined) => joined.id),
    ['from-sales', 'from-key', 'trusted'],
  );
});

test('CPSO counts every attempt of every request an outcome names; ROI is over all spend', () => {
  const join = joinValue(requests, ledger, [
    outcome('o1', true, { subjectKind: 'session', subject: 's1' }),
    outcome('o2', false, { subjectKind: 'request', subject: 'r2' }),
    outcome('late', true, { subjectKind: 'correlation', subject: 'order-unknown' }),
  ]);
  const [total] = valueMetrics(join, 'total');
  assert.equal(total?.requests, 3);
  assert.equal(total?.attempts, 5);
  assert.equal(total?.outcomes, 2);
  assert.equal(total?.successes, 1);
  assert.ok(Math.abs((total?.cpso_usd ?? 0) - 0.007) < 1e-12, 'r1 (0.005, three attempts) + r2 (0.002)');
  assert.ok(Math.abs((total?.cost_usd ?? 0) - 0.01) < 1e-12);
  assert.ok(Math.abs((total?.roi ?? 0) - (10 - 0.01) / 0.01) < 1e-9);
  assert.ok(Math.abs((total?.cost_per_session_usd ?? 0) - 0.007) < 1e-12);
  assert.equal(join.outcomes.find((joined) => joined.outcome.id === 'late')?.requestIds.length, 0);

  const byTeam = valueMetrics(join, 'team');
  assert.deepEqual(
    byTeam.map((group) => [group.group, group.requests, group.successes]),
    [
      ['care', 2, 1],
      ['sales', 1, 0],
    ],
  );
  const byTag = valueMetrics(join, 'tag');
  assert.deepEqual(
    byTag.map((group) => [group.group, group.requests]),
    [
      ['chat', 2],
      ['vip', 1],
    ],
  );
  assert.deepEqual(
    valueMetrics(join, 'model')
      .map((group) => group.group)
      .sort(),
    ['big', 'gpt-4o-mini'],
    'a request counts under the model that answered, not its verifier',
  );
  assert.deepEqual(
    valueMetrics(join, 'day').map((group) => group.group),
    ['2026-12-01', '2026-12-02'],
  );
});

test('savings state their assumption; the routing baseline prices one call per request', () => {
  const join = joinValue(requests, ledger, []);
  const price = { input: 10, output: 20 };
  const savings = savingsOf(join.requests, {
    priceOf: (model) => (model === 'baseline' ? price : undefined),
    topTierOf: (route) => (route === 'support' ? 'baseline' : undefined),
    baselineModel: 'baseline',
  });
  const oneCall = (10 * 10 + 5 * 20) / 1e6;
  const routing = savings.find((saving) => saving.kind === 'routing');
  assert.equal(routing?.requests, 3);
  assert.ok(Math.abs((routing?.saved_usd ?? 0) - (3 * oneCall - 0.01)) < 1e-12);
  assert.match(routing?.assumption ?? '', /baseline/);
  assert.equal(savings.find((saving) => saving.kind === 'cascade')?.requests, 3);
  assert.equal(savings.find((saving) => saving.kind === 'cache')?.saved_usd, 0);
});
