import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import type { RequestFilter } from '../../store/request-queries.js';
import { openApiDocument } from '../openapi.js';
import { listQuerySchema, pageSchema, statsQuerySchema } from '../query-schemas.js';
import { spendsNothing } from '../route-table.js';
import { idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

function filterOf(
  query: z.output<typeof listQuerySchema> | z.output<typeof statsQuerySchema>,
): RequestFilter {
  return {
    from: query.from,
    to: query.to,
    keyId: query.key_id,
    team: query.team,
    user: query.user,
    tag: query.tag,
    model: query.model,
    provider: query.provider,
    route: query.route,
    status: query.status,
    minCostUsd: query.min_cost_usd,
    maxCostUsd: query.max_cost_usd,
    minLatencyMs: query.min_latency_ms,
    maxLatencyMs: query.max_latency_ms,
    session: query.session,
    text: query.q,
  };
}

/** A request-log row as the API shows it: snake_case, with its route explanation and guardrail verdicts parsed. */
function requestView(row: Awaited<ReturnType<Stack['requestLog']['get']>> & object) {
  return {
    object: 'request',
    id: row.requestId,
    created_at: row.createdAt,
    endpoint: row.endpoint,
    key_id: row.keyId,
    model: row.requestedModel,
    served_model: row.servedModel,
    provider: row.provider,
    status: row.status,
    error_code: row.errorCode,
    stream: row.stream,
    latency_ms: row.latencyMs,
    ttft_ms: row.ttftMs,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_input_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    usage_estimated: row.usageEstimated,
    cost_usd: row.costUsd,
    price_version: row.priceVersion,
    route: row.route ? (JSON.parse(row.route) as unknown) : null,
    guardrails: row.guardrails ? (JSON.parse(row.guardrails) as unknown) : null,
  };
}

/**
 * `/admin/v1/requests`, `/admin/v1/sessions` and `/admin/v1/stats`: the observability query API that the
 * dashboard, evaluation and value layers read.
 */
export function adminRequestsRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/requests', spendsNothing, async (request) => {
    const query = validate(listQuerySchema, request.query);
    if (query.cursor !== undefined && !stack.requests.validCursor(query.cursor))
      throw new StrataError('invalid_request', 'The cursor is not one this API made.', { param: 'cursor' });
    const page = await stack.requests.list(filterOf(query), { limit: query.limit, cursor: query.cursor });
    return {
      object: 'list',
      data: page.rows.map(requestView),
      has_more: page.nextCursor !== undefined,
      next_cursor: page.nextCursor ?? null,
    };
  });

  app.get('/admin/v1/requests/:id', spendsNothing, async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const [row, trace, attempts] = await Promise.all([
      stack.requestLog.get(id),
      stack.traces.byRequest(id),
      stack.ledger.rowsOf(id),
    ]);
    if (!row) throw new StrataError('not_found', `No request \`${id}\` in the request log.`, { param: 'id' });
    return {
      ...requestView(row),
      trace_id: trace?.traceId ?? null,
      session_id: trace?.sessionId ?? null,
      spans: trace?.spans ?? [],
      attempts,
    };
  });

  app.get('/admin/v1/sessions', spendsNothing, async (request) => {
    const query = validate(pageSchema, request.query);
    const sessions = await stack.traces.sessions({ limit: query.limit, before: query.before });
    return {
      object: 'list',
      data: sessions.map((session) => ({
        object: 'session',
        id: session.sessionId,
        requests: session.requests,
        first_at: session.firstAt,
        last_at: session.lastAt,
      })),
    };
  });

  app.get('/admin/v1/sessions/:id', spendsNothing, async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const traces = await stack.traces.session(id);
    if (traces.length === 0) throw new StrataError('not_found', `No session \`${id}\`.`, { param: 'id' });
    const rows = await Promise.all(traces.map((trace) => stack.requestLog.get(trace.requestId)));
    return {
      object: 'session',
      id,
      requests: rows.flatMap((row) => (row ? [requestView(row)] : [])),
    };
  });

  const document = openApiDocument();
  app.get('/admin/v1/openapi.json', spendsNothing, async () => document);

  app.get('/admin/v1/stats', spendsNothing, async (request) => {
    const query = validate(statsQuerySchema, request.query);
    const points = await stack.requests.series(filterOf(query), {
      bucket: query.bucket,
      groupBy: query.group_by,
    });
    return {
      object: 'list',
      bucket: query.bucket,
      group_by: query.group_by ?? null,
      data: points.map((point) => ({
        bucket: point.bucket,
        group: point.group,
        requests: point.requests,
        errors: point.errors,
        error_rate: point.requests === 0 ? 0 : point.errors / point.requests,
        input_tokens: point.inputTokens,
        output_tokens: point.outputTokens,
        cost_usd: point.costUsd,
        latency_ms: point.latencyMs,
      })),
    };
  });
}
