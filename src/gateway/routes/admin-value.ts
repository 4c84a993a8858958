import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { experimentSchema } from '../../config/value.js';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import { valueLayerOf } from '../../value/create-value.js';
import type { Experiment } from '../../value/experiments.js';
import { renderRoiReport } from '../../value/roi-report.js';
import { simulationSchema } from '../../value/simulate.js';
import { sampleSizePerArm } from '../../value/statistics.js';
import { valueDimensions } from '../../value/value-metrics.js';
import { windowOf } from '../../value/window.js';
import { needs } from '../route-table.js';
import { idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

const isoDateOrTime = z
  .string()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    'expected an ISO date (2026-11-01) or timestamp (2026-11-01T12:00:00Z)',
  );
const windowFields = {
  period: z
    .string()
    .regex(/^\d{1,4}[hd]$/, 'a period such as 30d or 12h')
    .optional(),
  from: isoDateOrTime.optional(),
  to: isoDateOrTime.optional(),
};
const metricsQuerySchema = z.strictObject({
  ...windowFields,
  group_by: z.enum(valueDimensions).default('total'),
});
const windowQuerySchema = z.strictObject(windowFields);
const sampleSizeQuerySchema = z.strictObject({
  baseline: z.coerce.number().gt(0).lt(1),
  effect: z.coerce
    .number()
    .refine((value) => value !== 0 && Math.abs(value) < 1, 'a non-zero change below 1'),
  alpha: z.coerce.number().gt(0).lt(0.5).default(0.05),
  power: z.coerce.number().gt(0.5).lt(1).default(0.8),
});
/** `start: true` beside the experiment starts it at once. */
const startFlagSchema = z.looseObject({ start: z.boolean().optional() });

function experimentView(experiment: Experiment) {
  return {
    object: 'experiment',
    id: experiment.id,
    target: experiment.target,
    unit: experiment.unit,
    variants: experiment.variants,
    holdout: experiment.holdout,
    horizon: experiment.horizon,
    status: experiment.status,
    source: experiment.source,
    created_at: experiment.createdAt,
    started_at: experiment.startedAt,
    stopped_at: experiment.stoppedAt,
  };
}

/**
 * `/admin/v1/value` (metrics, savings, the ROI report, the simulator) and `/admin/v1/experiments`
 * (create, list, read with results, start, stop, sample sizes). Master key only; nothing here spends.
 */
export function adminValueRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/value', needs('value:read'), async (request) => {
    const value = await valueLayerOf(stack);
    const query = validate(metricsQuerySchema, request.query);
    const report = await value.reports.metrics(windowOf(query), query.group_by);
    return { object: 'value_metrics', ...report };
  });
  app.get('/admin/v1/value/savings', needs('value:read'), async (request) => {
    const value = await valueLayerOf(stack);
    const window = windowOf(validate(windowQuerySchema, request.query));
    return { object: 'list', ...window, data: await value.reports.savings(window) };
  });
  app.get('/admin/v1/value/report', needs('value:read'), async (request, reply) => {
    const value = await valueLayerOf(stack);
    const window = windowOf(validate(windowQuerySchema, request.query));
    return reply.type('text/html; charset=utf-8').send(renderRoiReport(await value.reports.roi(window)));
  });
  app.post('/admin/v1/value/simulate', needs('value:write'), async (request) => ({
    object: 'simulation',
    ...(await (await valueLayerOf(stack)).simulate(validate(simulationSchema, request.body))),
  }));
  app.get('/admin/v1/experiments', needs('value:read'), async () => ({
    object: 'list',
    data: (await (await valueLayerOf(stack)).experiments.list()).map(experimentView),
  }));
  app.get('/admin/v1/experiments/sample-size', needs('value:read'), async (request) => {
    const query = validate(sampleSizeQuerySchema, request.query);
    return {
      object: 'sample_size',
      ...query,
      per_variant: sampleSizePerArm(query),
      note: 'Outcomes per variant for a two-sided two-proportion test; set it as the horizon before starting and read the result only then.',
    };
  });
  app.post('/admin/v1/experiments', needs('value:write'), async (request, reply) => {
    const value = await valueLayerOf(stack);
    const { start, ...definition } = validate(startFlagSchema, request.body);
    const created = await value.experiments.create(validate(experimentSchema, definition));
    const experiment = start === true ? await value.experiments.start(created.id) : created;
    return reply.code(201).send(experimentView(experiment));
  });
  app.get('/admin/v1/experiments/:id', needs('value:read'), async (request) => {
    const value = await valueLayerOf(stack);
    const { id } = validate(idParamsSchema, request.params);
    const found = await value.experiments.get(id);
    if (!found) throw new StrataError('not_found', `No experiment \`${id}\`.`, { param: 'id' });
    return { ...experimentView(found), results: await value.reports.results(found) };
  });
  app.post('/admin/v1/experiments/:id/start', needs('value:write'), async (request) => {
    const value = await valueLayerOf(stack);
    const { id } = validate(idParamsSchema, request.params);
    return experimentView(await value.experiments.start(id));
  });
  app.post('/admin/v1/experiments/:id/stop', needs('value:write'), async (request) => {
    const value = await valueLayerOf(stack);
    const { id } = validate(idParamsSchema, request.params);
    return experimentView(await value.experiments.stop(id));
  });
}
