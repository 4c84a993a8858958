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

const usageFields = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'reasoningTokens',
] as const;

// Sub-microsecond digits say nothing about a call and cost characters in every stored time.
const offset = (time: number, start: number) => Math.round((time - start) * 1000) / 1000;

function packUsage(usage: ReportUsage): Partial<ReportUsage> {
  const packed: Partial<ReportUsage> = {};
  for (const field of usageFields) if (usage[field] !== 0) packed[field] = usage[field];
  if (usage.estimated) packed.estimated = true;
  return packed;
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

/** Drops the fields a reader restores: nulls and undefined (JSON drops these) and empty lists. */
function withoutEmpty<T extends object>(value: T): Partial<T> {
  const kept: Record<string, unknown> = {};
  for (const [field, entry] of Object.entries(value))
    if (entry !== null && !(Array.isArray(entry) && entry.length === 0)) kept[field] = entry;
  return kept as Partial<T>;
}

/** The text a trace row stores for a report. */
export function packReport(report: CallReport): string {
  const start = report.startedAt;
  const { requestId: _request, traceId: _trace, sessionId: _session, ...rest } = report;
  return JSON.stringify({
    ...withoutEmpty(rest),
    endedAt: offset(report.endedAt, start),
    ...(report.usage && { usage: packUsage(report.usage) }),
    who: withoutEmpty(report.who),
    stages: report.stages.map((stage) => [
      stage.name,
      offset(stage.startedAt, start),
      offset(stage.endedAt, start),
    ]),
    ...(report.attempts.length > 0 && {
      attempts: report.attempts.map((attempt) => ({
        ...withoutEmpty(attempt),
        startedAt: offset(attempt.startedAt, start),
        endedAt: offset(attempt.endedAt, start),
        usage: packUsage(attempt.usage),
      })),
    }),
    ...(report.guardrails?.length && {
      guardrails: report.guardrails.map((verdict) => ({
        ...verdict,
        startedAt: offset(verdict.startedAt, start),
        endedAt: offset(verdict.endedAt, start),
      })),
    }),
  });
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
