import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallReport } from '../core/call-report.js';
import { packReport, unpackReport } from './stored-report.js';

const start = 1_796_622_601_728.25;
const usage = {
  inputTokens: 31,
  outputTokens: 20,
  cachedInputTokens: 0,
  cacheWriteTokens: 4,
  reasoningTokens: 0,
  estimated: false,
};

function report(overrides: Partial<CallReport> = {}): CallReport {
  return {
    requestId: 'req_0123',
    traceId: '0123'.repeat(8),
    parentSpanId: undefined,
    sessionId: 'thread-1',
    operation: 'chat',
    endpoint: '/v1/chat/completions',
    startedAt: start,
    endedAt: start + 591.803,
    requestedModel: 'cheap-first',
    settings: { maxTokens: 64, temperature: 0.2, topP: undefined, stream: true },
    status: 200,
    errorCode: null,
    provider: 'openai',
    providerKind: 'openai',
    servedModel: 'gpt-4o-mini',
    finishReasons: ['stop'],
    usage,
    costUsd: 0.00001665,
    ttftMs: 120,
    who: { keyId: 'key_1', keyName: 'app', team: 'search', user: null, tags: [], feature: null },
    route: { name: 'cheap-first', plan: 'cascade', decisions: ['tier 0'], escalations: [] },
    cacheHit: undefined,
    stages: [
      { name: 'budget', startedAt: start + 1.5, endedAt: start + 2.25 },
      { name: 'route', startedAt: start + 2.5, endedAt: start + 591.5 },
    ],
    attempts: [
      {
        attempt: 1,
        purpose: 'primary',
        provider: 'openai',
        providerKind: 'openai',
        model: 'gpt-4o-mini',
        status: 502,
        errorCode: 'upstream_error',
        startedAt: start + 3,
        endedAt: start + 100.125,
        usage: { ...usage, inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0 },
        costUsd: null,
      },
      {
        attempt: 2,
        purpose: 'fallback',
        provider: 'anthropic',
        providerKind: 'anthropic',
        model: 'claude-haiku',
        status: 200,
        errorCode: null,
        startedAt: start + 101,
        endedAt: start + 590,
        usage: { ...usage, estimated: true },
        costUsd: 0.00001665,
      },
    ],
    verdicts: [{ tier: 0, verifier: 'judge', score: 0, pass: false, reason: 'too short' }],
    guardrails: [
      {
        rule: 'pii',
        side: 'input',
        outcome: 'redact',
        entities: ['EMAIL_ADDRESS'],
        score: undefined,
        startedAt: start + 1,
        endedAt: start + 1.25,
      },
    ],
    content: { input: 'hello', output: 'hi there' },
    ...overrides,
  };
}

const ids = (of: CallReport) => ({
  requestId: of.requestId,
  traceId: of.traceId,
  sessionId: of.sessionId ?? null,
});
// JSON drops undefined fields; compare what a reader sees.
const asRead = (value: CallReport) => JSON.parse(JSON.stringify(value));

describe('stored reports', () => {
  it('read back as the report that was stored, at a microsecond', () => {
    const original = report();
    assert.deepEqual(asRead(unpackReport(JSON.parse(packReport(original)), ids(original))), asRead(original));
  });

  it('read back a failed call without usage, attempts or session', () => {
    const original = report({
      sessionId: undefined,
      status: 429,
      errorCode: 'rate_limited',
      provider: null,
      providerKind: null,
      servedModel: null,
      finishReasons: [],
      usage: undefined,
      costUsd: null,
      ttftMs: undefined,
      route: undefined,
      attempts: [],
      verdicts: [],
      guardrails: [],
      content: undefined,
    });
    assert.deepEqual(asRead(unpackReport(JSON.parse(packReport(original)), ids(original))), asRead(original));
  });

  it('are about half the size of the report, and keep the fields SQL reads in place', () => {
    const original = report();
    const packed = packReport(original);
    assert.ok(packed.length < 0.7 * JSON.stringify(original).length, `${packed.length} characters`);
    const stored = JSON.parse(packed);
    assert.equal(stored.who.team, 'search');
    assert.deepEqual(stored.content, original.content);
  });

  it('pass through rows stored before reports were packed', () => {
    const original = report();
    assert.equal(unpackReport(original, ids(original)), original);
  });
});
