import type {
  CallReport,
  ReportAttempt,
  ReportGuardrail,
  ReportStage,
  ReportUsage,
} from '../core/call-report.js';

/**
 * How a call's report is stored: its JSON without what the trace row's columns hold (request, trace and
 * session ids), without nulls, empty lists and zero token counts, and with times as milliseconds after
 * the call started (stages as `[name, start, end]`). A stored trace is about half the size, which is most
 * of what writing it costs. The keys SQL reads (`who.team`, `content`, `evaluations`) keep their place.
 */
interface PackedReport {
  startedAt: number;
  endedAt: number;
  stages: Array<[string, number, number]>;
  [field: string]: unknown;
}

/** What the trace row's columns say of the call. */
export interface TraceIds {
  requestId: string;
  traceId: string;
  sessionId: string | null;
}

// Sub-microsecond digits say nothing about a call and cost characters in every stored time.
const offset = (time: number, start: number) => Math.round((time - start) * 1000) / 1000;
// JSON leaves out undefined fields: a null or an empty list becomes one, and a reader restores it. Lists
// are tested where they are read, not in one helper: a helper's length check would see every kind of
// array the report holds, and the optimizing compiler kept dropping its code each time a new one came.
const orNone = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const countOrNone = (count: number) => (count === 0 ? undefined : count);

function packUsage(usage: ReportUsage): Record<keyof ReportUsage, unknown> {
  return {
    inputTokens: countOrNone(usage.inputTokens),
    outputTokens: countOrNone(usage.outputTokens),
    cachedInputTokens: countOrNone(usage.cachedInputTokens),
    cacheWriteTokens: countOrNone(usage.cacheWriteTokens),
    reasoningTokens: countOrNone(usage.reasoningTokens),
    estimated: usage.estimated ? true : undefined,
  };
}

function unpackUsage(packed: Partial<ReportUsage> | undefined): ReportUsage {
  return {
    inputTokens: packed?.inputTokens ?? 0,
    outputTokens: packed?.outputTokens ?? 0,
    cachedInputTokens: packed?.cachedInputTokens ?? 0,
    cacheWriteTokens: packed?.cacheWriteTokens ?? 0,
    reasoningTokens: packed?.reasoningTokens ?? 0,
    estimated: packed?.estimated === true,
  };
}

/** Every field of a report but the ids its row's columns hold: a field added to reports must be packed here. */
type Packed = { [Field in Exclude<keyof CallReport, 'requestId' | 'traceId' | 'sessionId'>]-?: unknown };

/** The text a trace row stores for a report. */
export function packReport(report: CallReport): string {
  const start = report.startedAt;
  const { who } = report;
  const packed: Packed = {
    parentSpanId: report.parentSpanId,
    operation: report.operation,
    endpoint: report.endpoint,
    startedAt: start,
    endedAt: offset(report.endedAt, start),
    requestedModel: report.requestedModel,
    settings: report.settings,
    status: report.status,
    errorCode: orNone(report.errorCode),
    provider: orNone(report.provider),
    providerKind: orNone(report.providerKind),
    servedModel: orNone(report.servedModel),
    finishReasons: report.finishReasons.length > 0 ? report.finishReasons : undefined,
    usage: report.usage && packUsage(report.usage),
    costUsd: orNone(report.costUsd),
    ttftMs: report.ttftMs,
    who: {
      keyId: who.keyId,
      keyName: orNone(who.keyName),
      team: orNone(who.team),
      user: orNone(who.user),
      tags: who.tags.length > 0 ? who.tags : undefined,
      feature: orNone(who.feature),
    },
    route: report.route,
    cacheHit: report.cacheHit,
    stages: report.stages.map((stage) => [
      stage.name,
      offset(stage.startedAt, start),
      offset(stage.endedAt, start),
    ]),
    attempts:
      report.attempts.length === 0
        ? undefined
        : report.attempts.map(
            (attempt) =>
              ({
                attempt: attempt.attempt,
                purpose: attempt.purpose,
                provider: attempt.provider,
                providerKind: attempt.providerKind,
                model: attempt.model,
                status: attempt.status,
                errorCode: orNone(attempt.errorCode),
                startedAt: offset(attempt.startedAt, start),
                endedAt: offset(attempt.endedAt, start),
                usage: packUsage(attempt.usage),
                costUsd: orNone(attempt.costUsd),
              }) satisfies Record<keyof ReportAttempt, unknown>,
          ),
    verdicts: report.verdicts.length > 0 ? report.verdicts : undefined,
    prompt: report.prompt,
    evaluations: report.evaluations?.length ? report.evaluations : undefined,
    guardrails: report.guardrails?.length
      ? report.guardrails.map((verdict) => ({
          ...verdict,
          startedAt: offset(verdict.startedAt, start),
          endedAt: offset(verdict.endedAt, start),
        }))
      : undefined,
    content: report.content,
  };
  return JSON.stringify(packed);
}

const isPacked = (stored: object): stored is PackedReport => !('requestId' in stored);

/** The report a trace row holds; rows written before reports were packed hold the report itself. */
export function unpackReport(stored: object, ids: TraceIds): CallReport {
  if (!isPacked(stored)) return stored as CallReport;
  const packed = stored as PackedReport & Partial<CallReport>;
  const start = packed.startedAt;
  const at = (time: number) => start + time;
  const who = (packed.who ?? {}) as Partial<CallReport['who']>;
  return {
    ...(packed as Partial<CallReport>),
    requestId: ids.requestId,
    traceId: ids.traceId,
    parentSpanId: packed.parentSpanId,
    sessionId: ids.sessionId ?? undefined,
    operation: packed.operation ?? 'chat',
    endpoint: packed.endpoint ?? '',
    startedAt: start,
    endedAt: at(packed.endedAt),
    requestedModel: packed.requestedModel ?? '',
    settings: packed.settings ?? {
      maxTokens: undefined,
      temperature: undefined,
      topP: undefined,
      stream: false,
    },
    status: packed.status ?? 0,
    errorCode: packed.errorCode ?? null,
    provider: packed.provider ?? null,
    providerKind: packed.providerKind ?? null,
    servedModel: packed.servedModel ?? null,
    finishReasons: packed.finishReasons ?? [],
    usage: packed.usage && unpackUsage(packed.usage),
    costUsd: packed.costUsd ?? null,
    ttftMs: packed.ttftMs,
    who: {
      keyId: who.keyId ?? '',
      keyName: who.keyName ?? null,
      team: who.team ?? null,
      user: who.user ?? null,
      tags: who.tags ?? [],
      feature: who.feature ?? null,
    },
    route: packed.route,
    cacheHit: packed.cacheHit,
    stages: packed.stages.map(
      ([name, started, ended]): ReportStage => ({ name, startedAt: at(started), endedAt: at(ended) }),
    ),
    attempts: (packed.attempts ?? []).map(
      (attempt): ReportAttempt => ({
        ...attempt,
        errorCode: attempt.errorCode ?? null,
        costUsd: attempt.costUsd ?? null,
        startedAt: at(attempt.startedAt),
        endedAt: at(attempt.endedAt),
        usage: unpackUsage(attempt.usage),
      }),
    ),
    verdicts: packed.verdicts ?? [],
    guardrails: (packed.guardrails ?? []).map(
      (verdict): ReportGuardrail => ({
        ...verdict,
        startedAt: at(verdict.startedAt),
        endedAt: at(verdict.endedAt),
      }),
    ),
    content: packed.content,
  };
}
