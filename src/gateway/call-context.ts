import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseTraceparent, traceOf } from '../core/trace-context.js';
import type { Call, ServedBy } from '../pipeline/call.js';
import type { Accounting } from '../pipeline/pricing.js';

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

/**
 * The body with its end user taken from the `x-strata-end-user` header when the body names none, for
 * clients that cannot set the `user` field. The body's own `user` wins.
 */
function withEndUser<R>(request: FastifyRequest, body: R): R {
  const endUser = request.headers['x-strata-end-user'];
  if (typeof endUser !== 'string' || endUser === '' || (body as { user?: unknown }).user !== undefined)
    return body;
  return { ...body, user: endUser };
}

/** The conversation a request belongs to: `x-strata-session-id`, else the body's `metadata.session_id`. */
function sessionOf(request: FastifyRequest, body: unknown): string | undefined {
  const header = request.headers['x-strata-session-id'];
  if (typeof header === 'string' && header !== '') return header.slice(0, 200);
  const metadata = (body as { metadata?: { session_id?: unknown } }).metadata;
  return typeof metadata?.session_id === 'string' && metadata.session_id !== ''
    ? metadata.session_id.slice(0, 200)
    : undefined;
}

/**
 * Starts a pipeline call for an HTTP request; a client that disconnects aborts it. An incoming W3C
 * `traceparent` is continued, and `x-strata-trace-id` names the call's trace.
 */
export function callFor<R>(request: FastifyRequest, reply: FastifyReply, body: R, endpoint: string): Call<R> {
  request.enteredPipeline = true;
  const call: Call<R> = {
    requestId: request.id,
    endpoint,
    request: withEndUser(request, body),
    principal: request.principal,
    signal: signalOf(request.raw.socket),
    startedAt: performance.now() - reply.elapsedTime,
  };
  const traceparent = request.headers.traceparent;
  const incoming = parseTraceparent(typeof traceparent === 'string' ? traceparent : undefined);
  if (incoming) call.trace = incoming;
  const session = sessionOf(request, body);
  if (session !== undefined) call.sessionId = session;
  const correlation = request.headers['x-strata-correlation-id'];
  if (typeof correlation === 'string' && correlation !== '') call.correlationId = correlation.slice(0, 200);
  reply.header('x-strata-trace-id', traceOf(request.id, incoming).traceId);
  return call;
}

/** The x-strata-* headers naming who served a call and how (route), plus those the pipeline's stages added. */
export function servedHeaders(outcome: {
  servedBy: ServedBy;
  headers?: Record<string, string>;
  route?: string;
  cacheHit?: unknown;
}): Record<string, string> {
  const served = {
    'x-strata-model': outcome.servedBy.model,
    'x-strata-provider': outcome.servedBy.provider,
    'x-strata-route': routeHeader(outcome),
  };
  return outcome.headers === undefined ? served : { ...outcome.headers, ...served };
}

/** The x-strata-* headers of a finished call: its cost (when the price is known) and its token counts. */
export function accountingHeaders(outcome: {
  accounting?: Accounting | undefined;
  response: { usage?: { prompt_tokens: number; completion_tokens?: number } | undefined };
}): Record<string, string> {
  const headers: Record<string, string> = {};
  const cost = outcome.accounting?.costUsd;
  if (cost !== null && cost !== undefined)
    headers['x-strata-cost-usd'] = cost.toFixed(9).replace(/\.?0+$/, '');
  const usage = outcome.response.usage;
  if (usage) {
    headers['x-strata-tokens-in'] = String(usage.prompt_tokens);
    headers['x-strata-tokens-out'] = String(usage.completion_tokens ?? 0);
  }
  return headers;
}

/** `x-strata-route`: a routed call's summary, or the one direct attempt (or cache hit) of a plain model name. */
export function routeHeader(outcome: { servedBy: ServedBy; route?: string; cacheHit?: unknown }): string {
  if (outcome.route !== undefined) return outcome.route;
  const model = `${outcome.servedBy.provider}/${outcome.servedBy.model}`;
  return outcome.cacheHit
    ? `plan=cache; attempts=0:cache_hit:${model}:ok`
    : `plan=direct; attempts=1:primary:${model}:ok`;
}
