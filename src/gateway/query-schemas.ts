import { z } from 'zod';
import { identifier } from '../config/identifier.js';
import { bucketSizes, seriesDimensions } from '../store/request-queries.js';

const isoTime = z
  .string()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    'expected an ISO date (2026-11-01) or timestamp (2026-11-01T12:00:00Z)',
  )
  .transform((value) => new Date(value).toISOString());
const name = identifier(200);
const amount = z.coerce.number().min(0).max(1e9);

/** The filters the request list and the stats share. */
const filterFields = {
  from: isoTime.optional(),
  to: isoTime.optional(),
  key_id: name.optional(),
  team: name.optional(),
  user: name.optional(),
  tag: name.optional(),
  model: name.optional(),
  provider: name.optional(),
  route: name.optional(),
  status: z.union([z.enum(['ok', 'error']), z.coerce.number().int().min(100).max(599)]).optional(),
  min_cost_usd: amount.optional(),
  max_cost_usd: amount.optional(),
  min_latency_ms: amount.optional(),
  max_latency_ms: amount.optional(),
  session: name.optional(),
  q: name.optional(),
  guardrail: name.optional(),
};

/** The query string of `GET /admin/v1/requests`. */
export const listQuerySchema = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: identifier(200).optional(),
});

/** The query string of `GET /admin/v1/stats`. */
export const statsQuerySchema = z.strictObject({
  ...filterFields,
  bucket: z.enum(bucketSizes).default('hour'),
  group_by: z.enum(seriesDimensions).optional(),
});

/** The query string of `GET /admin/v1/sessions`. */
export const pageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: isoTime.optional(),
});
