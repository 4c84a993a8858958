import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import type { Stack } from '../../pipeline/stack.js';
import { actorOf } from '../audit-hook.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

/** The body of `POST /admin/v1/erasures`: the user or end-user id to erase. */
const erasureSchema = z.strictObject({ user: identifier(256) });

/** `POST /admin/v1/erasures`: erases everything stored about a user or end-user id; returns the report. */
export function adminErasuresRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/admin/v1/erasures', needs('data:erase'), async (request) => {
    const { user } = validate(erasureSchema, request.body);
    request.auditTarget = user;
    return stack.access.erasure.erase(user, actorOf(request.principal));
  });
}
