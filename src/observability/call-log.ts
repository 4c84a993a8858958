import type { CallReport } from '../core/call-report.js';

/** Log levels, least severe first. */
export const logLevels = ['info', 'warn', 'error'] as const;
/** One of `logLevels`. */
export type LogLevel = (typeof logLevels)[number];

/** A structured line: one JSON object, never a key, secret or authorization header. */
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

/**
 * Writes structured JSON lines, buffered: the lines of one synchronous stretch (the observer's drain of a
 * turn's finished calls) go out in one write at its end, not one per line and not a turn later.
 */
export interface LineLog {
  write(level: LogLevel, message: string, fields: LogFields): void;
  flush(): void;
}

const rank: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };

/** Builds a line log at a minimum level over a sink such as stdout. */
export function createLineLog(sink: (text: string) => void, minimum: LogLevel = 'info'): LineLog {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    sink(text);
  };
  return {
    write(level, message, fields) {
      if (rank[level] < rank[minimum]) return;
      // The fields' own object is serialised and the line's head written before it: no copy per line.
      const rest = JSON.stringify(fields);
      const head = `{"level":"${level}","time":"${new Date().toISOString()}","msg":${JSON.stringify(message)}`;
      pending += `${head}${rest.length > 2 ? `,${rest.slice(1)}` : '}'}\n`;
      if (pending.length > 65_536) flush();
      else if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    },
    flush,
  };
}

/** The level of a call that ended with this status: server faults are errors, refusals warnings. */
export function levelOf(status: number): LogLevel {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/**
 * The one line a model call writes when it ends: ids to find its trace, who asked (key id, never the
 * key), what served it, and what it cost. Content is never logged.
 */
export function logCall(log: LineLog, report: CallReport): void {
  log.write(levelOf(report.status), 'call', {
    request_id: report.requestId,
    trace_id: report.traceId,
    session_id: report.sessionId,
    endpoint: report.endpoint,
    model: report.requestedModel,
    served_model: report.servedModel,
    provider: report.provider,
    route: report.route?.name,
    status: report.status,
    error_code: report.errorCode ?? undefined,
    latency_ms: Math.round(report.endedAt - report.startedAt),
    ttft_ms: report.ttftMs,
    input_tokens:
      report.usage &&
      report.usage.inputTokens + report.usage.cachedInputTokens + report.usage.cacheWriteTokens,
    output_tokens: report.usage?.outputTokens,
    cost_usd: report.costUsd,
    cache_hit: report.cacheHit ? true : undefined,
    key_id: report.who.keyId,
    team: report.who.team ?? undefined,
  });
}
