import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StrataError } from '../core/errors.js';
import type { Stack } from '../pipeline/stack.js';
import type { RequestLogRow } from '../store/request-log.js';
import { edgeError } from './edge-error.js';

/**
 * The edge's error handler: turns anything thrown into a catalogue error rendered by `render`, and logs
 * a request the pipeline never saw (bad JSON, a bad field) — the pipeline writes the row of every call
 * that reached it.
 */
export function edgeErrorHandler(stack: Stack, render: (error: StrataError) => unknown) {
  const bodyLimit = stack.config.server.body_limit_bytes;
  return async (thrown: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const error = edgeError(thrown, bodyLimit);
    if (error.status >= 500 && error.code === 'internal_error') console.error(thrown);
    if (!request.enteredPipeline && request.principal && request.url.startsWith('/v1/')) {
      stack.recordRejected(rejectedRow(request, error, reply.elapsedTime));
    }
    return reply.code(error.status).headers(error.headers).send(render(error));
  };
}

/** The log row of a request rejected at the edge. */
function rejectedRow(request: FastifyRequest, error: StrataError, elapsedMs: number): RequestLogRow {
  const body = request.body as { model?: unknown; stream?: unknown } | undefined;
  return {
    requestId: request.id,
    createdAt: new Date().toISOString(),
    endpoint: request.routeOptions.url ?? request.url,
    keyId: request.principal.keyId,
    requestedModel: typeof body?.model === 'string' ? body.model : null,
    servedModel: null,
    provider: null,
    status: error.status,
    errorCode: error.code,
    stream: body?.stream === true,
    latencyMs: Math.round(elapsedMs),
    ttftMs: null,
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    costUsd: null,
    priceVersion: null,
  };
}
