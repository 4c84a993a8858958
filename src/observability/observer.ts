import type { CallObserver, CallReport } from '../core/call-report.js';
import type { BatchWriter } from '../store/batch-writer.js';
import type { TraceRow } from '../store/traces.js';
import { type LineLog, logCall } from './call-log.js';
import type { Metrics } from './metrics.js';
import type { SpanSender } from './otlp-exporter.js';
import type { SpanRecord } from './span-record.js';
import { spansOf } from './spans-of.js';
import { packReport } from './stored-report.js';

/** Where observed calls go; each part is optional and absent when off. */
export interface ObserverDeps {
  /** Stores one trace row per call for the query API. */
  traces?: BatchWriter<TraceRow> | undefined;
  /** Sends spans to an OTLP collector. */
  sender?: SpanSender | undefined;
  metrics?: Metrics | undefined;
  /** Writes one JSON line per call. */
  log?: LineLog | undefined;
  onError?: (error: unknown) => void;
  /** Most spans one OTLP request carries (default 512). */
  exportBatchSize?: number;
  /** Longest a span waits before it is sent (default 1000 ms). */
  exportIntervalMs?: number;
  /** Most spans held for export; past it new spans are dropped, never the store's copy (default 50,000). */
  maxQueuedSpans?: number;
}

/**
 * Turns finished calls into metrics at once and into spans on a later tick: the request that ended
 * never waits for span building, storage or export. Export failures are reported and dropped (the
 * store keeps every trace), so a dead collector cannot grow memory without bound.
 */
export function createObserver(deps: ObserverDeps): CallObserver {
  const onError = deps.onError ?? ((error) => process.emitWarning(`Trace export failed: ${String(error)}`));
  const batchSize = deps.exportBatchSize ?? 512;
  const intervalMs = deps.exportIntervalMs ?? 1000;
  const maxQueued = deps.maxQueuedSpans ?? 50_000;
  let pending: CallReport[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const outbox: SpanRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();
  let active = false;

  // One sender loop at a time; spans wait in the outbox (bounded) while a collector is slow.
  function send(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const sender = deps.sender;
    if (!sender || active) return sending;
    active = true;
    sending = (async () => {
      try {
        while (outbox.length > 0) await sender.send(outbox.splice(0, batchSize)).catch(onError);
      } finally {
        active = false;
      }
    })();
    return sending;
  }

  function drain(): void {
    scheduled = undefined;
    const reports = pending;
    pending = [];
    for (const report of reports) {
      if (deps.log) logCall(deps.log, report);
      // The store keeps the report; its spans are built when a trace is read, or here only for export.
      deps.traces?.record({
        requestId: report.requestId,
        traceId: report.traceId,
        sessionId: report.sessionId ?? null,
        createdAt: new Date(report.startedAt).toISOString(),
        // Serialised now, so the report is garbage before the batch is written.
        report: packReport(report),
      });
      if (!deps.sender) continue;
      const spans = spansOf(report);
      if (outbox.length + spans.length <= maxQueued) for (const span of spans) outbox.push(span);
    }
    if (outbox.length >= batchSize) void send();
    else if (outbox.length > 0 && timer === undefined) {
      timer = setTimeout(() => void send(), intervalMs);
      timer.unref();
    }
  }

  return {
    observe(report) {
      deps.metrics?.observe(report);
      if (!deps.traces && !deps.sender && !deps.log) return;
      pending.push(report);
      scheduled ??= setImmediate(drain);
    },
    async flush() {
      if (scheduled !== undefined) {
        clearImmediate(scheduled);
        drain();
      }
      deps.log?.flush();
      await Promise.all([deps.traces?.flush(), send()]);
      // Spans queued while an earlier loop ran are sent by it; wait for that loop too.
      await sending;
    },
    async close() {
      await this.flush();
      await deps.traces?.close();
      await deps.sender?.close();
    },
  };
}
