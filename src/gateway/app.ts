import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { errorBody, StrataError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Stack } from '../pipeline/stack.js';
import type { RequestLogRow } from '../store/request-log.js';
import { messagesRoutes } from './anthropic/messages-route.js';
import { authenticate } from './auth.js';
import { edgeError } from './edge-error.js';
import { adminKeysRoutes } from './routes/admin-keys.js';
import { chatCompletionsRoute } from './routes/chat-completions.js';
import { completionsRoute } from './routes/completions.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthRoutes } from './routes/health.js';
import { modelsRoute } from './routes/models.js';

/** What the HTTP edge needs beyond the stack. */
export interface AppOptions {
  stack: Stack;
  /** Development mode: every request is served without a key. */
  noAuth?: boolean;
  /** Set when shutdown begins, so /readyz turns away the load balancer. */
  isShuttingDown?: () => boolean;
}

/** Builds the HTTP edge; only `main` listens on a port. */
export function createApp(options: AppOptions): FastifyInstance {
  const { stack } = options;
  const bodyLimit = stack.config.server.body_limit_bytes;
  const app = Fastify({
    logger: false,
    bodyLimit,
    genReqId: () => newId('req'),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.decorateRequest('principal', null as never);
  app.decorateRequest('enteredPipeline', false);

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.setErrorHandler(async (thrown, request, reply) => {
    const error = edgeError(thrown, bodyLimit);
    if (error.status >= 500 && error.code === 'internal_error') console.error(thrown);
    // A request the pipeline never saw (bad JSON, a bad field) still gets its log row; the pipeline
    // writes the row of every call that reached it.
    if (!request.enteredPipeline && request.principal && request.url.startsWith('/v1/')) {
      stack.recordRejected(rejectedRow(request, error, reply.elapsedTime));
    }
    return reply.code(error.status).headers(error.headers).send(errorBody(error));
  });
  app.setNotFoundHandler(async (request) => {
    throw new StrataError('not_found', `Unknown route: ${request.method} ${request.url.split('?')[0]}`);
  });

  const enabled = options.noAuth !== true;
  const anyKey = authenticate(stack.keys, { enabled, required: 'any' });
  const masterKey = authenticate(stack.keys, { enabled, required: 'master' });
  healthRoutes(app, stack, options.isShuttingDown ?? (() => false));
  app.register(async (v1) => {
    v1.addHook('onRequest', anyKey);
    chatCompletionsRoute(v1, stack);
    completionsRoute(v1, stack);
    embeddingsRoute(v1, stack);
    modelsRoute(v1, stack);
    v1.register(messagesRoutes(stack));
  });
  app.register(async (admin) => {
    admin.addHook('onRequest', masterKey);
    adminKeysRoutes(admin, stack);
  });
  return app;
}

/** The log row of a request rejected at the edge. */
function rejectedRow(request: FastifyRequest, error: StrataError, elapsedMs: number): RequestLogRow {
  const body = request.body as { model?: unknown } | undefined;
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
    stream: false,
    latencyMs: Math.round(elapsedMs),
    ttftMs: null,
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
  };
}
