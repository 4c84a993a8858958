import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Call, ServedBy } from '../pipeline/call.js';

/** Starts a pipeline call for an HTTP request; a client that disconnects aborts it. */
export function callFor<R>(request: FastifyRequest, reply: FastifyReply, body: R, endpoint: string): Call<R> {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  request.enteredPipeline = true;
  return {
    requestId: request.id,
    endpoint,
    request: body,
    principal: request.principal,
    signal: controller.signal,
    startedAt: performance.now() - reply.elapsedTime,
  };
}

/** The x-strata-* headers naming who served a call. */
export function servedHeaders(servedBy: ServedBy): Record<string, string> {
  return { 'x-strata-model': servedBy.model, 'x-strata-provider': servedBy.provider };
}
