import type { FastifyInstance } from 'fastify';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';

/** `GET /admin/v1/routes`: the routes as configured (their plans hold model names, never secrets). */
export function adminRoutesRoute(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/routes', needs('routes:read'), async () => ({
    object: 'list',
    data: Object.entries(stack.config.routes).map(([name, plan]) => ({ object: 'route', name, plan })),
  }));
}
