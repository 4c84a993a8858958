import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody, StrataError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Stack } from '../pipeline/stack.js';
import { messagesRoutes } from './anthropic/messages-route.js';
import { authenticate } from './auth.js';
import { edgeErrorHandler } from './error-handler.js';
import { trackRoutes } from './route-table.js';
import { adminBudgetsRoutes } from './routes/admin-budgets.js';
import { adminKeysRoutes } from './routes/admin-keys.js';
import { adminKnowledgeRoutes } from './routes/admin-knowledge.js';
import { adminSpendRoutes } from './routes/admin-spend.js';
import { chatCompletionsRoute } from './routes/chat-completions.js';
import { completionsRoute } from './routes/completions.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthRoutes } from './routes/health.js';
import { knowledgeRoutes } from './routes/knowledge.js';
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
  trackRoutes(app);
  app.decorateRequest('principal', null as never);
  app.decorateRequest('enteredPipeline', false);

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.setErrorHandler(edgeErrorHandler(stack, errorBody));
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
    knowledgeRoutes(v1, stack);
    v1.register(messagesRoutes(stack));
  });
  app.register(async (admin) => {
    admin.addHook('onRequest', masterKey);
    adminKeysRoutes(admin, stack);
    adminSpendRoutes(admin, stack);
    adminBudgetsRoutes(admin, stack);
    adminKnowledgeRoutes(admin, stack);
  });
  return app;
}
