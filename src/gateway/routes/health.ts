import type { FastifyInstance } from 'fastify';
import type { Stack } from '../../pipeline/stack.js';
import { spendsNothing } from '../route-table.js';

/** `GET /healthz` (the process is up) and `GET /readyz` (it can serve: store reachable, not shutting down). */
export function healthRoutes(app: FastifyInstance, stack: Stack, isShuttingDown: () => boolean): void {
  app.get('/healthz', spendsNothing, async () => ({ status: 'ok' }));
  app.get('/readyz', spendsNothing, async (_request, reply) => {
    if (isShuttingDown()) return reply.code(503).send({ status: 'shutting_down' });
    if (!(await stack.ping())) return reply.code(503).send({ status: 'store_unreachable' });
    return { status: 'ready' };
  });
}
