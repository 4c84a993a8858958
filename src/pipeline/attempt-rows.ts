import { traceOf } from '../core/trace-context.js';
import type { ChatRequest, WireUsage } from '../core/types.js';
import type { ResolvedModel } from '../models/model-registry.js';
import type { AttemptRecord } from '../routing/attempt-log.js';
import type { LedgerRow } from '../store/ledger.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { type Attributed, type Attribution, attributionOf } from './attribution.js';
import type { Call } from './call.js';
import { estimateStreamUsage } from './estimate-usage.js';
import type { Accounting, Pricer } from './pricing.js';

/** The usage of an attempt that generated nothing. */
export const zeroUsage: WireUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** What one attempt contributes to its ledger row; the rest comes from the call. */
export interface AttemptBilling {
  attempt: number;
  purpose: LedgerRow['purpose'];
  status: number;
  usage: WireUsage | undefined;
  usageEstimated: boolean;
  accounting: Accounting;
  savedUsd: number | null;
}

/** The ledger row of one attempt of a call: who asked (the call's attribution), which model, and what it cost. */
export function ledgerRow(
  call: Call<Attributed>,
  resolved: ResolvedModel,
  billing: AttemptBilling,
  createdAt: string,
  who: Attribution = attributionOf(call.principal, call.request),
): LedgerRow {
  const usage = normaliseUsage(billing.usage);
  return {
    requestId: call.requestId,
    attempt: billing.attempt,
    purpose: billing.purpose,
    createdAt,
    keyId: call.principal.keyId,
    team: who.team,
    user: who.user ?? null,
    tags: who.tags,
    feature: who.feature,
    provider: resolved.provider.id,
    model: resolved.upstreamModel,
    requestedModel: call.request.model,
    status: billing.status,
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    reasoningTokens: usage.reasoningTokens,
    outputTokens: usage.outputTokens,
    usageEstimated: billing.usageEstimated,
    costUsd: billing.accounting.costUsd,
    savedUsd: billing.savedUsd,
    priceVersion: billing.accounting.priceVersion,
    traceId: traceOf(call.requestId, call.trace).traceId,
  };
}

/** The usage an attempt is billed by: reported, counted from what it streamed, or zero when it never generated. */
function usageOf(record: AttemptRecord): { usage: WireUsage; estimated: boolean } {
  if (record.usage) return { usage: record.usage, estimated: false };
  if (record.generated && record.output)
    return { usage: estimateStreamUsage(record.request, record.resolved, record.output), estimated: true };
  return { usage: zeroUsage, estimated: record.generated };
}

/**
 * One ledger row per attempt of a routed call (primary, retry, fallback, hedge, escalation, verifier,
 * judge), each priced on its own model, and what they cost together. The total is null only when no
 * attempt could be priced.
 */
export function attemptRows(
  call: Call<ChatRequest>,
  records: readonly AttemptRecord[],
  price: Pricer,
): { rows: LedgerRow[]; total: Accounting } {
  const who = attributionOf(call.principal, call.request);
  const createdAt = new Date().toISOString();
  let sum: number | null = null;
  let priceVersion: string | null = null;
  const rows = [...records]
    .sort((a, b) => a.attempt - b.attempt)
    .map((record): LedgerRow => {
      const { usage, estimated } = usageOf(record);
      const accounting = price(record.resolved, usage, record.body);
      if (accounting.costUsd !== null) sum = (sum ?? 0) + accounting.costUsd;
      priceVersion ??= accounting.priceVersion;
      const billing = {
        attempt: record.attempt,
        purpose: record.purpose,
        status: record.status,
        usage,
        usageEstimated: estimated,
        accounting,
        savedUsd: null,
      };
      return ledgerRow(call, record.resolved, billing, createdAt, who);
    });
  return { rows, total: { costUsd: sum, priceVersion } };
}

const routedTotals = new WeakMap<object, Promise<number | null>>();

/**
 * What a routed call's attempts cost together, in USD, once they are all recorded; null when unpriced.
 * Worked out once per call: the budget and cache stages both ask.
 */
export function routedCostUsd(call: Call<ChatRequest>, price: Pricer): Promise<number | null> {
  const routing = call.routing;
  if (!routing) return Promise.resolve(null);
  let total = routedTotals.get(routing);
  if (total === undefined) {
    total = routing.log.done().then(() => attemptRows(call, routing.log.records, price).total.costUsd);
    routedTotals.set(routing, total);
  }
  return total;
}
