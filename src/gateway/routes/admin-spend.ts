import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import { visibleTeams } from '../../governance/roles.js';
import type { Stack } from '../../pipeline/stack.js';
import { spendDimensions } from '../../store/ledger-queries.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

const isoDateOrTime = z
  .string()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    'expected an ISO date (2026-11-01) or timestamp (2026-11-01T12:00:00Z)',
  );

/** The query string of `GET /admin/v1/spend`. */
const spendQuerySchema = z.strictObject({
  group_by: z.enum(spendDimensions).default('model'),
  from: isoDateOrTime.optional(),
  to: isoDateOrTime.optional(),
  key_id: identifier().optional(),
  model: identifier().optional(),
});

/** `/admin/v1/spend`: spend from the ledger grouped by key, team, user, tag, feature, model, provider or day. */
export function adminSpendRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/spend', needs('spend:read'), async (request) => {
    const query = validate(spendQuerySchema, request.query);
    const data = await stack.ledger.spend({
      groupBy: query.group_by,
      from: query.from,
      to: query.to,
      keyId: query.key_id,
      model: query.model,
      // A member sees only their own teams' spend.
      teams: visibleTeams(request.principal),
    });
    return { object: 'list', group_by: query.group_by, from: query.from ?? null, to: query.to ?? null, data };
  });
}
