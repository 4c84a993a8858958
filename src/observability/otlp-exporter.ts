import { type Attributes, type HrTime, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { SpanRecord } from './span-record.js';

/** Where and how spans are sent, from the standard `OTEL_EXPORTER_OTLP_*` variables. */
export interface OtlpSettings {
  /** The traces endpoint, e.g. `http://collector:4318/v1/traces`. */
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  headers: Record<string, string>;
  serviceName: string;
}

/** Sends spans to an OTLP/HTTP collector. */
export interface SpanSender {
  send(spans: readonly SpanRecord[]): Promise<void>;
  close(): Promise<void>;
}

const kinds = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL } as const;
const statuses = { ok: SpanStatusCode.OK, error: SpanStatusCode.ERROR, unset: SpanStatusCode.UNSET } as const;

function hrTime(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  return [seconds, Math.round((epochMs - seconds * 1000) * 1e6)];
}

/** A stored span in the SDK's `ReadableSpan` shape, which the official exporters serialise. */
function readable(span: SpanRecord, resource: ReadableSpan['resource']): ReadableSpan {
  const context = { traceId: span.traceId, spanId: span.spanId, traceFlags: TraceFlags.SAMPLED };
  return {
    name: span.name,
    kind: kinds[span.kind],
    spanContext: () => context,
    ...(span.parentSpanId !== undefined && {
      parentSpanContext: { traceId: span.traceId, spanId: span.parentSpanId, traceFlags: TraceFlags.SAMPLED },
    }),
    startTime: hrTime(span.startedAt),
    endTime: hrTime(span.endedAt),
    duration: hrTime(Math.max(0, span.endedAt - span.startedAt)),
    status: {
      code: statuses[span.status],
      ...(span.statusMessage !== undefined && { message: span.statusMessage }),
    },
    attributes: span.attributes as Attributes,
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: { name: 'strata' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** Builds a sender over the official OTLP/HTTP exporter for the configured protocol. */
export function createOtlpSender(settings: OtlpSettings): SpanSender {
  const config = { url: settings.url, headers: settings.headers };
  const exporter: SpanExporter =
    settings.protocol === 'http/json' ? new JsonExporter(config) : new ProtobufExporter(config);
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName });
  return {
    send(spans) {
      return new Promise((resolve, reject) => {
        exporter.export(
          spans.map((span) => readable(span, resource)),
          (result) =>
            result.code === ExportResultCode.SUCCESS
              ? resolve()
              : reject(result.error ?? new Error('OTLP export failed')),
        );
      });
    },
    close: () => exporter.shutdown(),
  };
}
