import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { errorBody, StrataError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import { startOnlineEvaluator } from '../evaluation/online/online-evaluator.js';
import { levelOf } from '../observability/call-log.js';
import type { Stack } from '../pipeline/stack.js';
import { valueLayerOf } from '../value/create-value.js';
import { anthropicErrorBody } from './anthropic/error-shape.js';
import { messagesRoutes } from './anthropic/messages-route.js';
import { auditAdminRequests } from './audit-hook.js';
import { authenticate } from './auth.js';
import { clientErrorHandler } from './client-error.js';
import { edgeError } from './edge-error.js';
import { edgeErrorHandler } from './error-handler.js';
import { useJsonBodyParser } from './json-body-parser.js';
import { trackRoutes } from './route-table.js';
import { adminAlertsRoutes } from './routes/admin-alerts.js';
import { adminAuditRoutes } from './routes/admin-audit.js';
import { adminBenchRoutes } from './routes/admin-bench.js';
import { adminBudgetsRoutes } from './routes/admin-budgets.js';
import { adminDirectoryRoutes } from './routes/admin-directory.js';
import { adminErasuresRoute } from './routes/admin-erasures.js';
import { adminEvaluationRoutes } from './routes/admin-evaluation.js';
import { adminGuardrailsRoute } from './routes/admin-guardrails.js';
import { adminKeysRoutes } from './routes/admin-keys.js';
import { adminKnowledgeRoutes } from './routes/admin-knowledge.js';
import { adminRequestsRoutes } from './routes/admin-requests.js';
import { adminRoutesRoute } from './routes/admin-routes.js';
import { adminSettingsRoutes } from './routes/admin-settings.js';
import { adminSpendRoutes } from './routes/admin-spend.js';
import { adminValueRoutes } from './routes/admin-value.js';
import { chatCompletionsRoute } from './routes/chat-completions.js';
import { completionsRoute } from './routes/completions.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthRoutes } from './routes/health.js';
import { keyInfoRoute } from './routes/key-info.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { metricsRoute } from './routes/metrics.js';
import { modelsRoute } from './routes/models.js';
import { outcomesRoute, outcomesWebhookRoute } from './routes/outcomes.js';
import { scoresRoute } from './routes/scores.js';

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
    genReqId: () => newRequestId(),
    // Requests that arrive while closing get the catalogue's shutting_down below, not Fastify's own body.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Document ids are paths; longer parameters than Fastify's default of 100 are checked by each route.
    routerOptions: { maxParamLength: 2048 },
    // Bad URLs and over-long path parameters, which Fastify rejects before any route or hook runs.
    frameworkErrors: (error: FastifyError, request, reply: FastifyReply) => {
      const rendered = edgeError(error, bodyLimit);
      const render = request.url.startsWith('/v1/messages') ? anthropicErrorBody : errorBody;
      reply.header('x-request-id', request.id).code(rendered.status).send(render(rendered));
    },
    clientErrorHandler,
  });
  trackRoutes(app);
  app.decorateRequest('principal', null as never);
  app.decorateRequest('enteredPipeline', false);
  useJsonBodyParser(app);

  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new StrataError('shutting_down', 'The server is shutting down; retry the request.'));
  });
  // Model calls log one line when they end (streams included); every other request logs here.
  const log = stack.log;
  if (log)
    app.addHook('onResponse', (request, reply, done) => {
      if (!request.enteredPipeline)
        log.write(levelOf(reply.statusCode), 'request', {
          request_id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
          status: reply.statusCode,
          latency_ms: Math.round(reply.elapsedTime),
          key_id: request.principal?.keyId ?? request.principal?.kind,
        });
      done();
    });

  // Online evaluation scores sampled calls in the background; off in config, nothing is started.
  if (stack.config.evaluation.online.enabled) {
    const online = startOnlineEvaluator(
      stack,
      log
        ? { onError: (error) => log.write('warn', 'online_evaluation_failed', { error: String(error) }) }
        : {},
    );
    app.addHook('onClose', () => online.stop());
  }

  app.setErrorHandler(edgeErrorHandler(stack, errorBody));
  app.setNotFoundHandler(async (request) => {
    throw new StrataError('not_found', `Unknown route: ${request.method} ${request.url.split('?')[0]}`);
  });

  const enabled = options.noAuth !== true;
  const sso = stack.access.sso;
  const anyKey = authenticate(stack.keys, { enabled, required: 'any', sso });
  const withRole = authenticate(stack.keys, { enabled, required: 'role', sso });
  healthRoutes(app, stack, options.isShuttingDown ?? (() => false));
  metricsRoute(app, stack, { authEnabled: enabled });
  dashboardRoutes(app);
  app.register(async (v1) => {
    v1.addHook('onRequest', anyKey);
    chatCompletionsRoute(v1, stack);
    completionsRoute(v1, stack);
    embeddingsRoute(v1, stack);
    modelsRoute(v1, stack);
    keyInfoRoute(v1);
    knowledgeRoutes(v1, stack);
    scoresRoute(v1, stack);
    outcomesRoute(v1, stack);
    v1.register(messagesRoutes(stack));
  });
  app.register(async (admin) => {
    admin.addHook('onRequest', withRole);
    auditAdminRequests(admin, stack.access.audit, (error) =>
      console.error(
        `The audit log could not be written: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    adminKeysRoutes(admin, stack);
    adminSpendRoutes(admin, stack);
    adminBudgetsRoutes(admin, stack);
    adminKnowledgeRoutes(admin, stack);
    adminRequestsRoutes(admin, stack);
    adminAlertsRoutes(admin, stack);
    adminRoutesRoute(admin, stack);
    adminDirectoryRoutes(admin, stack);
    adminAuditRoutes(admin, stack);
    adminErasuresRoute(admin, stack);
    adminGuardrailsRoute(admin, stack);
    adminSettingsRoutes(admin, stack);
    adminBenchRoutes(admin, stack);
    adminEvaluationRoutes(admin, stack);
    adminValueRoutes(admin, stack);
  });
  // The value layer's experiments must be loaded before the first call is served.
  app.addHook('onReady', async () => {
    await valueLayerOf(stack);
  });
  // Signed by the sender instead of carrying a key.
  app.register(async (webhook) => outcomesWebhookRoute(webhook, stack));
  return app;
}
