import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Call, ChatOutcome, ServedBy } from '../pipeline/call.js';

// An HTTP/1.1 client can only cancel a request by closing its connection, so one signal per connection,
// aborted when the socket closes, cancels every call made on it. One AbortController per request cost
// more CPU than any other single step of a proxied call.
const connectionSignals = new WeakMap<Socket, AbortSignal>();

function signalOf(socket: Socket): AbortSignal {
  let signal = connectionSignals.get(socket);
  if (!signal) {
    const controller = new AbortController();
    socket.once('close', () => controller.abort());
    signal = controller.signal;
    connectionSignals.set(socket, signal);
  }
  return signal;
}

/** Starts a pipeline call for an HTTP request; a client that disconnects aborts it. */
export function callFor<R>(request: FastifyRequest, reply: FastifyReply, body: R, endpoint: string): Call<R> {
  request.enteredPipeline = true;
  return {
    requestId: request.id,
    endpoint,
    request: body,
    principal: request.principal,
    signal: signalOf(request.raw.socket),
    startedAt: performance.now() - reply.elapsedTime,
  };
}

/** The x-strata-* headers naming who served a call. */
export function servedHeaders(servedBy: ServedBy): Record<string, string> {
  return { 'x-strata-model': servedBy.model, 'x-strata-provider': servedBy.provider };
}

/** The x-strata-* headers of a finished call: its cost (when the price is known) and its token counts. */
export function accountingHeaders(
  outcome: Extract<ChatOutcome, { kind: 'response' }>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const cost = outcome.accounting?.costUsd;
  if (cost !== null && cost !== undefined)
    headers['x-strata-cost-usd'] = cost.toFixed(9).replace(/\.?0+$/, '');
  const usage = outcome.response.usage;
  if (usage) {
    headers['x-strata-tokens-in'] = String(usage.prompt_tokens);
    headers['x-strata-tokens-out'] = String(usage.completion_tokens);
  }
  return headers;
}

/** `x-strata-route`: a routed call's summary, or the one direct attempt of a plain model name. */
export function routeHeader(outcome: ChatOutcome): string {
  return (
    outcome.route ??
    `plan=direct; attempts=1:primary:${outcome.servedBy.provider}/${outcome.servedBy.model}:ok`
  );
}
