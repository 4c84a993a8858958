import { toStrataError } from '../../core/errors.js';
import type { WireUsage } from '../../core/types.js';
import type { RequestLogRow } from '../../store/request-log.js';
import type { Call, ChatOutcome, EmbeddingOutcome, Stage } from '../call.js';
import type { Accounting, Pricer } from '../pricing.js';

/** Where finished calls are written; the request log writer batches them off the hot path. */
export interface CallRecorder {
  record(row: RequestLogRow): void;
}

/** How a call ended, the part of its row the call itself does not know. */
interface Ending {
  status: number;
  errorCode: string | null;
  stream: boolean;
  ttftMs: number | undefined;
  usage: WireUsage | undefined;
  accounting: Accounting;
}

// One object literal per row: this runs once per request, and spreads of partial rows cost measurably more.
function rowFor(call: Call<{ model: string }>, ending: Ending): RequestLogRow {
  const usage = ending.usage;
  return {
    requestId: call.requestId,
    createdAt: new Date().toISOString(),
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
    usageEstimated: false,
    costUsd: ending.accounting.costUsd,
    priceVersion: ending.accounting.priceVersion,
  };
}

const unpriced = { costUsd: null, priceVersion: null };

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

/** Records one request-log row per chat call, however it ends; streams are recorded when they end. */
export function recordChat(
  recorder: CallRecorder,
  price: Pricer,
): Stage<Call<{ model: string; stream?: boolean }>, ChatOutcome> {
  return async (call, next) => {
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      recorder.record(rowFor(call, failed(thrown, call.request.stream === true)));
      throw thrown;
    }
    if (outcome.kind === 'response') {
      const usage = outcome.response.usage;
      const accounting = price(call.resolved, usage, outcome.response);
      const ending = { status: 200, errorCode: null, stream: false, ttftMs: undefined, usage, accounting };
      recorder.record(rowFor(call, ending));
      return { ...outcome, accounting };
    }
    outcome.summary.then((summary) => {
      // A stream that broke keeps its error; one the client abandoned is logged as 499.
      // A stream is priced by whatever usage it reported, even when it broke or was abandoned.
      const accounting = price(call.resolved, summary.usage, undefined);
      const ending: Ending = summary.error
        ? { ...failed(summary.error, true), ttftMs: summary.ttftMs, usage: summary.usage, accounting }
        : {
            status: summary.aborted ? 499 : 200,
            errorCode: summary.aborted ? 'client_closed_request' : null,
            stream: true,
            ttftMs: summary.ttftMs,
            usage: summary.usage,
            accounting,
          };
      recorder.record(rowFor(call, ending));
    });
    return outcome;
  };
}

/** Records one request-log row per embeddings call. */
export function recordEmbedding(
  recorder: CallRecorder,
  price: Pricer,
): Stage<Call<{ model: string }>, EmbeddingOutcome> {
  return async (call, next) => {
    try {
      const outcome = await next();
      const usage = { ...outcome.response.usage, completion_tokens: 0 };
      const accounting = price(call.resolved, usage, outcome.response);
      const ending = { status: 200, errorCode: null, stream: false, ttftMs: undefined, usage, accounting };
      recorder.record(rowFor(call, ending));
      return outcome;
    } catch (thrown) {
      recorder.record(rowFor(call, failed(thrown, false)));
      throw thrown;
    }
  };
}
