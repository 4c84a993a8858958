import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Stack } from '../../pipeline/stack.js';
import { authenticate } from '../auth.js';
import { spendsNothing } from '../route-table.js';

function bearerOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1]?.trim();
}

function same(secret: string, expected: string): boolean {
  const a = Buffer.from(secret);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics`: Prometheus text exposition. A scraper sends `observability.metrics_token` or the master
 * key as a bearer token; with auth off (development) it is open like every route.
 */
export function metricsRoute(app: FastifyInstance, stack: Stack, options: { authEnabled: boolean }): void {
  const metrics = stack.metrics;
  if (!metrics) return;
  const token = stack.config.observability.metrics_token;
  const masterKey = authenticate(stack.keys, { enabled: options.authEnabled, required: 'master' });
  app.get('/metrics', spendsNothing, async (request, reply) => {
    const secret = bearerOf(request);
    if (!(token !== undefined && secret !== undefined && same(secret, token)))
      await masterKey(request, reply);
    return reply.header('content-type', metrics.contentType).send(await metrics.render());
  });
}
