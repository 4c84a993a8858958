import type { ReportGuardrail } from '../../core/call-report.js';
import { toStrataError } from '../../core/errors.js';
import type { ChatRequest, WireUsage } from '../../core/types.js';
import type { LedgerRow } from '../../store/ledger.js';
import type { RequestLogRow } from '../../store/request-log.js';
import { normaliseUsage } from '../../tokens/cost/normalise-usage.js';
import { attemptRows, ledgerRow, zeroUsage } from '../attempt-rows.js';
import type { Attributed } from '../attribution.js';
import type { CacheHit, Call, ChatOutcome, EmbeddingOutcome, Stage } from '../call.js';
import type { ReportInput } from '../call-report.js';
import { estimateStreamUsage, isEstimated } from '../estimate-usage.js';
import type { Accounting, Pricer } from '../pricing.js';

/** Where finished calls are written; the request log writer batches them off the hot path. */
export interface CallRecorder {
  record(row: RequestLogRow): void;
}

/** Where settled provider attempts are written; the ledger writer batches them off the hot path. */
export interface LedgerRecorder {
  record(row: LedgerRow): void;
}

/** Hands a finished call, with its rows, to observability (traces, metrics); absent when that is off. */
export type ObserveCall = (call: Call<Attributed>, input: ReportInput) => void;

/** How a call ended, the part of its row the call itself does not know. */
interface Ending {
  status: number;
  errorCode: string | null;
  stream: boolean;
  ttftMs: number | undefined;
  usage: WireUsage | undefined;
  accounting: Accounting;
  cacheHit?: CacheHit | undefined;
  /** The whole answer, or a stream's text, for observability. */
  body?: unknown;
  streamedText?: string[] | undefined;
}

// One object literal per row: this runs once per request, and spreads of partial rows cost measurably more.
function rowFor(call: Call<{ model: string }>, ending: Ending, createdAt: string): RequestLogRow {
  const usage = ending.usage;
  return {
    requestId: call.requestId,
    createdAt,
    endpoint: call.endpoint,
    keyId: call.principal.keyId,
    requestedModel: call.request.model,
    servedModel: call.resolved?.upstreamModel ?? null,
    provider: call.resolved?.provider.id ?? null,
    status: ending.status,
    errorCode: ending.errorCode,
    stream: ending.stream,
    latencyMs: Math.round(performance.now() - call.startedAt),
    ttftMs: ending.ttftMs === undefined ? null : Math.round(ending.ttftMs),
    inputTokens: usage?.prompt_tokens ?? null,
    outputTokens: usage?.completion_tokens ?? null,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? null,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? null,
    usageEstimated: isEstimated(usage),
    costUsd: ending.accounting.costUsd,
    priceVersion: ending.accounting.priceVersion,
    route: null,
    prompt: call.prompt === undefined ? null : `${call.prompt.name}@${call.prompt.version}`,
    guardrails: guardrailsOf(call.guardrails),
    sessionId: call.sessionId ?? null,
    correlationId: call.correlationId ?? null,
    experiment: call.experiment?.id ?? null,
    variant: call.experiment?.variant ?? null,
  };
}

/** The verdicts of a call's guardrails that acted, as the request log keeps them; null when none did. */
function guardrailsOf(verdicts: readonly ReportGuardrail[] | undefined): string | null {
  if (verdicts === undefined) return null;
  const acted = verdicts.filter((verdict) => verdict.outcome !== 'pass');
  if (acted.length === 0) return null;
  return JSON.stringify(
    acted.map(({ rule, side, outcome, entities }) => ({ rule, side, outcome, entities })),
  );
}

/**
 * The ledger row of a call's one attempt, or undefined when no provider was reached. An attempt that
 * failed before reporting usage is billed nothing (providers do not bill failed requests): zero tokens,
 * priced at 0 when the model's price is known and null when it is not.
 */
function ledgerRowFor(
  call: Call<Attributed>,
  ending: Ending,
  price: Pricer,
  createdAt: string,
): LedgerRow | undefined {
  const resolved = call.resolved;
  if (!resolved) return undefined;
  const accounting =
    ending.usage === undefined && ending.status >= 400
      ? price(resolved, zeroUsage, undefined)
      : ending.accounting;
  const billing = {
    attempt: 1,
    purpose: ending.cacheHit ? ('cache_hit' as const) : ('primary' as const),
    status: ending.status,
    // A cache hit used no tokens; its row records the cost it saved instead.
    usage: ending.cacheHit ? zeroUsage : ending.usage,
    usageEstimated: ending.usage === undefined ? ending.status < 400 : normaliseUsage(ending.usage).estimated,
    accounting,
    savedUsd: ending.cacheHit?.savedUsd ?? null,
  };
  return ledgerRow(call, resolved, billing, createdAt);
}

const unpriced = { costUsd: null, priceVersion: null };

const cachedAccounting: Accounting = { costUsd: 0, priceVersion: 'cache' };

function failed(thrown: unknown, stream: boolean): Ending {
  const error = toStrataError(thrown);
  return {
    status: error.status,
    errorCode: error.code,
    stream,
    ttftMs: undefined,
    usage: undefined,
    accounting: unpriced,
  };
}

/** Writes a finished call's request-log row and, when it reached a provider, its ledger row. */
function settle(recorder: CallRecorder, ledger: LedgerRecorder, price: Pricer, observe?: ObserveCall) {
  const report = (call: Call<Attributed>, ending: Ending, row: RequestLogRow, ledgerRows: LedgerRow[]) =>
    observe?.(call, {
      row,
      ledgerRows,
      usage: ending.usage,
      body: ending.body,
      streamedText: ending.streamedText,
      savedUsd: ending.cacheHit?.savedUsd,
    });
  return (call: Call<Attributed>, ending: Ending): void => {
    // Both rows of a call carry the same moment; formatting a date is a measurable part of a row.
    const createdAt = new Date().toISOString();
    const routing = (call as Call<ChatRequest>).routing;
    if (routing) {
      // A routed call: one row per attempt, and the request costs what its attempts cost together.
      const { rows, total } = attemptRows(call as Call<ChatRequest>, routing.log.records, price);
      const row = {
        ...rowFor(call, { ...ending, accounting: total }, createdAt),
        route: JSON.stringify(routing.trace),
      };
      recorder.record(row);
      for (const attempt of rows) ledger.record(attempt);
      report(call, ending, row, rows);
      return;
    }
    const row = rowFor(call, ending, createdAt);
    recorder.record(row);
    const attempt = ledgerRowFor(call, ending, price, createdAt);
    if (attempt) ledger.record(attempt);
    report(call, ending, row, attempt ? [attempt] : []);
  };
}

/** Records one request-log row and one ledger row per chat call, however it ends; streams when they end. */
export function recordChat(
  recorder: CallRecorder,
  price: Pricer,
  ledger: LedgerRecorder,
  observe?: ObserveCall,
): Stage<Call<ChatRequest>, ChatOutcome> {
  const record = settle(recorder, ledger, price, observe);
  return async (call, next) => {
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      const ending = failed(thrown, call.request.stream === true);
      if (call.routing) void call.routing.log.done().then(() => record(call, ending));
      else record(call, ending);
      throw thrown;
    }
    if (outcome.kind === 'response') {
      const usage = outcome.response.usage;
      if (call.routing) {
        await call.routing.log.done();
        const { total } = attemptRows(call, call.routing.log.records, price);
        record(call, {
          status: 200,
          errorCode: null,
          stream: false,
          ttftMs: undefined,
          usage,
          accounting: total,
          body: outcome.response,
        });
        return { ...outcome, accounting: total };
      }
      const { cacheHit } = outcome;
      const accounting = cacheHit ? cachedAccounting : price(call.resolved, usage, outcome.response);
      const ending = { status: 200, errorCode: null, stream: false, ttftMs: undefined, usage, accounting };
      record(call, { ...ending, cacheHit, body: outcome.response });
      return { ...outcome, accounting };
    }
    outcome.summary.then((summary) => {
      // A stream that broke keeps its error; one the client abandoned is logged as 499.
      // A stream is priced by the usage it reported or, when it reported none, by Strata's own count.
      const usage =
        summary.usage ?? (call.resolved && estimateStreamUsage(call.request, call.resolved, summary.output));
      const accounting = price(call.resolved, usage, undefined);
      const ending: Ending = summary.error
        ? { ...failed(summary.error, true), ttftMs: summary.ttftMs, usage, accounting }
        : {
            status: summary.aborted ? 499 : 200,
            errorCode: summary.aborted ? 'client_closed_request' : null,
            stream: true,
            ttftMs: summary.ttftMs,
            usage,
            accounting,
          };
      ending.streamedText = summary.output.text;
      if (call.routing) void call.routing.log.done().then(() => record(call, ending));
      else record(call, ending);
    });
    return outcome;
  };
}

/** Records one request-log row and one ledger row per embeddings call. */
export function recordEmbedding(
  recorder: CallRecorder,
  price: Pricer,
  ledger: LedgerRecorder,
  observe?: ObserveCall,
): Stage<Call<{ model: string; user?: string }>, EmbeddingOutcome> {
  const record = settle(recorder, ledger, price, observe);
  return async (call, next) => {
    try {
      const outcome = await next();
      const usage = { ...outcome.response.usage, completion_tokens: 0 };
      const accounting = price(call.resolved, usage, outcome.response);
      record(call, { status: 200, errorCode: null, stream: false, ttftMs: undefined, usage, accounting });
      return { ...outcome, accounting };
    } catch (thrown) {
      record(call, failed(thrown, false));
      throw thrown;
    }
  };
}
