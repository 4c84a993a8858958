import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO timestamp')
    .transform((value) => new Date(value).toISOString())
    .optional(),
  status: z.enum(['firing', 'resolved', 'raised']).optional(),
  rule: identifier(256).optional(),
});

/** `GET /admin/v1/alerts`: the alert history, newest first. */
export function adminAlertsRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/alerts', needs('alerts:read'), async (request) => {
    const query = validate(querySchema, request.query);
    const alerts = await stack.alerts.list(query);
    return {
      object: 'list',
      data: alerts.map((alert) => ({
        object: 'alert',
        id: alert.id,
        rule: alert.rule,
        type: alert.type,
        subject: alert.subject,
        severity: alert.severity,
        status: alert.status,
        message: alert.message,
        value: alert.value,
        threshold: alert.threshold,
        notified: alert.notified,
        created_at: alert.createdAt,
        resolved_at: alert.resolvedAt,
      })),
    };
  });
}
