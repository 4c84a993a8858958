import type { CallReport, ReportAttempt, ReportStage } from '../core/call-report.js';
import { traceOf } from '../core/trace-context.js';
import type { ChatRequest, WireUsage } from '../core/types.js';
import type { AttemptRecord } from '../routing/attempt-log.js';
import type { LedgerRow } from '../store/ledger.js';
import type { RequestLogRow } from '../store/request-log.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';
import { type Attributed, attributionOf } from './attribution.js';
import type { Call } from './call.js';

/** What a call's report is built from besides the call: its rows and how it ended. */
export interface ReportInput {
  row: RequestLogRow;
  ledgerRows: readonly LedgerRow[];
  usage: WireUsage | undefined;
  /** The whole answer, for finish reasons and captured content; absent for streams and failures. */
  body: unknown;
  /** A stream's text, for captured content. */
  streamedText: readonly string[] | undefined;
  savedUsd: number | null | undefined;
}

/** Content capture: on for every call, or for keys and routes that ask; a size cap per field in characters. */
export interface CaptureSettings {
  enabled: boolean;
  maxChars: number;
  /** True for a route whose calls are captured (`capture_content` on the route). */
  routeCaptures?: (route: string) => boolean;
}

function captures(call: Reported, capture: CaptureSettings): boolean {
  if (capture.enabled || call.principal.captureContent === true) return true;
  const route = call.routing?.trace.route;
  return route !== undefined && capture.routeCaptures?.(route) === true;
}

const epochOf = (monotonic: number) => performance.timeOrigin + monotonic;

type Reported = Call<Attributed>;
/** The request fields a report reads, chat or embeddings. */
type Settings = Partial<
  Pick<ChatRequest, 'messages' | 'max_tokens' | 'max_completion_tokens' | 'temperature' | 'top_p'>
> & {
  input?: unknown;
};

/** The stages a traced call went through, each ending when it handed on (or now, when it answered itself). */
function stagesOf(call: Reported, now: number): ReportStage[] {
  const stages: ReportStage[] = [];
  for (const timing of call.timings ?? []) {
    if (timing.stage === 'attempt') continue;
    stages.push({
      name: timing.stage,
      startedAt: epochOf(timing.start),
      endedAt: epochOf(timing.handedOn === 0 ? now : timing.handedOn),
    });
  }
  return stages;
}

/** A routed call's attempts, timed from their records and priced from their ledger rows. */
function routedAttempts(records: readonly AttemptRecord[], rows: readonly LedgerRow[]): ReportAttempt[] {
  return records.map((record) => {
    const row = rows.find((candidate) => candidate.attempt === record.attempt);
    return {
      attempt: record.attempt,
      purpose: record.purpose,
      provider: record.resolved.provider.id,
      providerKind: record.resolved.provider.kind,
      model: record.resolved.upstreamModel,
      status: record.status,
      errorCode: record.errorCode,
      startedAt: epochOf(record.startedAt),
      endedAt: epochOf(record.startedAt + record.latencyMs),
      usage: row ? usageOfRow(row) : normaliseUsage(undefined),
      costUsd: row?.costUsd ?? null,
    };
  });
}

function usageOfRow(row: LedgerRow): ReportAttempt['usage'] {
  return {
    inputTokens: row.inputTokens,
    cachedInputTokens: row.cachedInputTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    outputTokens: row.outputTokens,
    reasoningTokens: row.reasoningTokens,
    estimated: row.usageEstimated,
  };
}

/** A direct call's one attempt: the time the last stage ran, priced from its ledger row. */
function directAttempt(call: Reported, row: LedgerRow | undefined, now: number): ReportAttempt[] {
  const timing = call.timings?.find((entry) => entry.stage === 'attempt');
  if (!row || !timing || !call.resolved) return [];
  return [
    {
      attempt: row.attempt,
      purpose: row.purpose,
      provider: call.resolved.provider.id,
      providerKind: call.resolved.provider.kind,
      model: call.resolved.upstreamModel,
      status: row.status,
      errorCode: row.status >= 400 ? 'error' : null,
      startedAt: epochOf(timing.start),
      endedAt: epochOf(now),
      usage: usageOfRow(row),
      costUsd: row.costUsd,
    },
  ];
}

function finishReasonsOf(body: unknown): string[] {
  const choices = (body as { choices?: Array<{ finish_reason?: unknown }> } | undefined)?.choices;
  const reasons: string[] = [];
  if (!Array.isArray(choices)) return reasons;
  for (const choice of choices)
    if (typeof choice.finish_reason === 'string') reasons.push(choice.finish_reason);
  return reasons;
}

function cut(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

function contentOf(call: Reported, input: ReportInput, capture: CaptureSettings): CallReport['content'] {
  if (!captures(call, capture)) return undefined;
  const request = call.request as Settings;
  const prompt = request.messages ?? request.input ?? '';
  const answer =
    input.streamedText?.join('') ??
    (input.body as { choices?: Array<{ message?: { content?: unknown } }> } | undefined)?.choices
      ?.map((choice) => (typeof choice.message?.content === 'string' ? choice.message.content : ''))
      .join('\n') ??
    '';
  const hide = call.conceal ?? ((text: string) => text);
  return {
    input: cut(hide(typeof prompt === 'string' ? prompt : JSON.stringify(prompt)), capture.maxChars),
    output: cut(hide(answer), capture.maxChars),
  };
}

/** Builds the report observability reads for one finished call (traces, metrics, logs). */
export function callReport(call: Reported, input: ReportInput, capture: CaptureSettings): CallReport {
  const now = performance.now();
  const { row, ledgerRows } = input;
  const request = call.request as Attributed & Settings;
  const who = attributionOf(call.principal, request);
  const trace = traceOf(call.requestId, call.trace);
  const routing = call.routing;
  return {
    requestId: call.requestId,
    traceId: trace.traceId,
    parentSpanId: trace.parentSpanId,
    sessionId: call.sessionId,
    operation: row.endpoint.includes('embed') ? 'embeddings' : 'chat',
    endpoint: row.endpoint,
    startedAt: epochOf(call.startedAt),
    endedAt: epochOf(now),
    requestedModel: request.model,
    settings: {
      maxTokens: request.max_completion_tokens ?? request.max_tokens,
      temperature: request.temperature ?? undefined,
      topP: request.top_p ?? undefined,
      stream: row.stream,
    },
    status: row.status,
    errorCode: row.errorCode,
    provider: row.provider,
    providerKind: call.resolved?.provider.kind ?? null,
    servedModel: row.servedModel,
    finishReasons: finishReasonsOf(input.body),
    usage: input.usage === undefined ? undefined : normaliseUsage(input.usage),
    costUsd: row.costUsd,
    ttftMs: row.ttftMs ?? undefined,
    who: {
      keyId: who.keyId,
      keyName: call.principal.keyName,
      team: who.team,
      user: who.user ?? null,
      tags: who.tags,
      feature: who.feature,
    },
    route: routing && {
      name: routing.trace.route,
      plan: routing.trace.plan,
      decisions: routing.trace.decisions,
      escalations: routing.trace.escalations,
    },
    cacheHit: input.savedUsd === undefined ? undefined : { savedUsd: input.savedUsd },
    stages: stagesOf(call, now),
    attempts: routing
      ? routedAttempts(routing.log.records, ledgerRows)
      : directAttempt(call, ledgerRows[0], now),
    verdicts: routing
      ? routing.trace.verdicts.map((verdict) => ({
          tier: verdict.tier,
          verifier: verdict.verifier,
          score: verdict.score,
          pass: verdict.pass,
          reason: verdict.reason,
        }))
      : [],
    prompt: call.prompt,
    guardrails: (call.guardrails ?? []).map((verdict) => ({
      ...verdict,
      startedAt: epochOf(verdict.startedAt),
      endedAt: epochOf(verdict.endedAt),
    })),
    content: contentOf(call, input, capture),
  };
}
