import { randomUUID } from 'node:crypto';
import type { LedgerRow } from './ledger-row.js';

/** A priced primary attempt for tests; each call gets a fresh request id. */
export function ledgerRow(overrides: Partial<LedgerRow> = {}): LedgerRow {
  return {
    requestId: `req_${randomUUID()}`,
    attempt: 1,
    purpose: 'primary',
    createdAt: '2026-11-10T12:00:00.000Z',
    keyId: 'key_a',
    team: null,
    user: null,
    tags: [],
    feature: null,
    provider: 'openai',
    model: 'gpt-4o-mini',
    requestedModel: 'openai/gpt-4o-mini',
    status: 200,
    inputTokens: 10,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    outputTokens: 5,
    usageEstimated: false,
    costUsd: 0.001,
    savedUsd: null,
    priceVersion: 'v1',
    traceId: null,
    ...overrides,
  };
}
