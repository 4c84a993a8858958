import { toStrataError } from '../../core/errors.js';
import type { WireUsage } from '../../core/types.js';
import type { RequestLogRow } from '../../store/request-log.js';
import type { Call, ChatOutcome, EmbeddingOutcome, Stage } from '../call.js';

/** Where finished calls are written; the request log writer batches them off the hot path. */
export interface CallRecorder {
  record(row: RequestLogRow): void;
}

function usageColumns(usage: WireUsage | undefined) {
  return {
    inputTokens: usage?.prompt_tokens ?? null,
    outputTokens: usage?.completion_tokens ?? null,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? null,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? null,
    usageEstimated: false,
  };
}

function baseRow(
  call: Call<{ model: string }>,
): Omit<RequestLogRow, 'status' | 'errorCode' | 'stream' | 'ttftMs'> {
  return {
    requestId: call.requestId,
    createdAt: new Date().toISOString(),
    endpoint: call.endpoint,
    keyId: call.principal.keyId,
    requestedModel: call.request.model,
    servedModel: call.resolved?.upstreamModel ?? null,
    provider: call.resolved?.provider.id ?? null,
    latencyMs: Math.round(performance.now() - call.startedAt),
    ...usageColumns(undefined),
  };
}

/** The status a broken or abandoned stream is logged with: the error's, or 499 when the client left. */
function streamStatus(error: { status: number } | undefined, aborted: boolean): number {
  if (error) return error.status;
  return aborted ? 499 : 200;
}

/** Records one request-log row per chat call, however it ends; streams are recorded when they end. */
export function recordChat(recorder: CallRecorder): Stage<Call<{ model: string }>, ChatOutcome> {
  return async (call, next) => {
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      const error = toStrataError(thrown);
      recorder.record({
        ...baseRow(call),
        status: error.status,
        errorCode: error.code,
        stream: isStream(call),
        ttftMs: null,
      });
      throw thrown;
    }
    if (outcome.kind === 'response') {
      recorder.record({
        ...baseRow(call),
        ...usageColumns(outcome.response.usage),
        status: 200,
        errorCode: null,
        stream: false,
        ttftMs: null,
      });
      return outcome;
    }
    outcome.summary.then((summary) => {
      recorder.record({
        ...baseRow(call),
        ...usageColumns(summary.usage),
        status: streamStatus(summary.error, summary.aborted),
        errorCode: summary.error?.code ?? (summary.aborted ? 'client_closed_request' : null),
        stream: true,
        ttftMs: summary.ttftMs === undefined ? null : Math.round(summary.ttftMs),
      });
    });
    return outcome;
  };
}

function isStream(call: Call<{ model: string }>): boolean {
  return (call.request as { stream?: unknown }).stream === true;
}

/** Records one request-log row per embeddings call. */
export function recordEmbedding(recorder: CallRecorder): Stage<Call<{ model: string }>, EmbeddingOutcome> {
  return async (call, next) => {
    try {
      const outcome = await next();
      const usage = outcome.response.usage;
      recorder.record({
        ...baseRow(call),
        inputTokens: usage.prompt_tokens,
        outputTokens: 0,
        status: 200,
        errorCode: null,
        stream: false,
        ttftMs: null,
      });
      return outcome;
    } catch (thrown) {
      const error = toStrataError(thrown);
      recorder.record({
        ...baseRow(call),
        status: error.status,
        errorCode: error.code,
        stream: false,
        ttftMs: null,
      });
      throw thrown;
    }
  };
}
