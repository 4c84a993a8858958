import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import { routeOutcomes } from '../../routing/route-outcomes.js';
import type { RouteTrace } from '../../routing/route-trace.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

/** The newest calls of a route read for its outcomes; enough for stable rates, bounded in time. */
const outcomeRowCap = 5000;
const outcomePage = 500;

const isoTime = z
  .string()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    'expected an ISO date (2026-11-01) or timestamp (2026-11-01T12:00:00Z)',
  )
  .transform((value) => new Date(value).toISOString());

const outcomesQuerySchema = z.strictObject({ from: isoTime.optional(), to: isoTime.optional() });
const routeParamsSchema = z.object({ name: identifier(200) });

/** The route traces of a route's newest calls in a window, at most `outcomeRowCap`. */
async function tracesOf(stack: Stack, route: string, from?: string, to?: string) {
  const traces: RouteTrace[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.requests.list({ route, from, to }, { limit: outcomePage, cursor });
    for (const row of page.rows) if (row.route) traces.push(JSON.parse(row.route) as RouteTrace);
    cursor = page.nextCursor;
  } while (cursor !== undefined && traces.length < outcomeRowCap);
  return { traces, truncated: cursor !== undefined };
}

/**
 * `GET /admin/v1/routes` (the routes as configured; their plans hold model names, never secrets) and
 * `GET /admin/v1/routes/{name}/outcomes` (how often its cascades escalated, and their verdicts).
 */
export function adminRoutesRoute(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/routes', needs('routes:read'), async () => ({
    object: 'list',
    data: Object.entries(stack.config.routes).map(([name, plan]) => ({ object: 'route', name, plan })),
  }));
  app.get('/admin/v1/routes/:name/outcomes', needs('routes:read'), async (request) => {
    const { name } = validate(routeParamsSchema, request.params);
    const { from, to } = validate(outcomesQuerySchema, request.query);
    if (!Object.hasOwn(stack.config.routes, name))
      throw new StrataError('not_found', `No route \`${name}\` is configured.`, { param: 'name' });
    const { traces, truncated } = await tracesOf(stack, name, from, to);
    const outcomes = routeOutcomes(traces);
    return {
      object: 'route_outcomes',
      route: name,
      from: from ?? null,
      to: to ?? null,
      // Past the cap, the rates describe the newest calls only.
      truncated,
      calls: outcomes.calls,
      cascade_calls: outcomes.cascadeCalls,
      escalated: outcomes.escalated,
      escalation_rate: outcomes.cascadeCalls === 0 ? null : outcomes.escalated / outcomes.cascadeCalls,
      ended_at_tier: outcomes.endedAtTier,
      verdicts: outcomes.verdicts.map((tally) => ({
        tier: tally.tier,
        verifier: tally.verifier,
        verdicts: tally.verdicts,
        passed: tally.passed,
        pass_rate: tally.passed / tally.verdicts,
        mean_score: tally.meanScore,
      })),
    };
  });
}
