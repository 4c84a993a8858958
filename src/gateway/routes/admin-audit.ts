import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import { auditView } from '../../governance/audit.js';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

/** The query string of `GET /admin/v1/audit`. */
const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
  actor: identifier(300).optional(),
  action: identifier(300).optional(),
});

/** `/admin/v1/audit`: the hash-chained audit log, newest first, and a check of the whole chain. */
export function adminAuditRoutes(app: FastifyInstance, stack: Stack): void {
  const audit = stack.access.audit;
  app.get('/admin/v1/audit', needs('audit:read'), async (request) => {
    const query = validate(auditQuerySchema, request.query);
    const rows = await audit.list(query);
    const oldest = rows.at(-1);
    return {
      object: 'list',
      data: rows.map(auditView),
      next_before: rows.length === query.limit && oldest !== undefined ? oldest.seq : null,
    };
  });
  app.get('/admin/v1/audit/verify', needs('audit:read'), async () => ({
    object: 'audit.verification',
    ...(await audit.verify()),
  }));
}
