import { z } from 'zod';
import { listQuerySchema, pageSchema, statsQuerySchema } from './query-schemas.js';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI query parameters of a zod object schema: one per property, with its JSON schema. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 256 },
};

const errorResponse = {
  description: 'An error in the one OpenAI shape',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              message: { type: 'string' },
              type: { type: 'string' },
              param: { type: ['string', 'null'] },
              code: { type: ['string', 'null'] },
            },
            required: ['message', 'type', 'param', 'code'],
          },
        },
      },
    },
  },
};

const request = {
  type: 'object',
  description: 'A request-log row',
  properties: {
    id: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
    endpoint: { type: 'string' },
    key_id: { type: ['string', 'null'] },
    model: { type: ['string', 'null'] },
    served_model: { type: ['string', 'null'] },
    provider: { type: ['string', 'null'] },
    status: { type: 'integer' },
    error_code: { type: ['string', 'null'] },
    stream: { type: 'boolean' },
    latency_ms: { type: 'integer' },
    ttft_ms: { type: ['integer', 'null'] },
    input_tokens: { type: ['integer', 'null'] },
    output_tokens: { type: ['integer', 'null'] },
    cost_usd: { type: ['number', 'null'] },
    route: {
      description: 'How a routed call was served: plan, attempts, verdicts, escalations; null when direct',
    },
    prompt: {
      type: ['string', 'null'],
      description: '`name@version` of the managed prompt the call used; null without one',
    },
  },
};

const span = {
  type: 'object',
  description: "One span, with OpenTelemetry GenAI attributes (`gen_ai.*`) and Strata's own (`strata.*`)",
  properties: {
    traceId: { type: 'string' },
    spanId: { type: 'string' },
    parentSpanId: { type: ['string', 'null'] },
    name: { type: 'string' },
    kind: { enum: ['server', 'client', 'internal'] },
    startedAt: { type: 'number', description: 'epoch milliseconds' },
    endedAt: { type: 'number' },
    status: { enum: ['ok', 'error', 'unset'] },
    attributes: { type: 'object' },
  },
};

const ok = (description: string, schema: JsonSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

const list = (item: JsonSchema, extra: JsonSchema = {}) => ({
  type: 'object',
  properties: { object: { const: 'list' }, data: { type: 'array', items: item }, ...extra },
});

const guarded = { '400': errorResponse, '401': errorResponse, '403': errorResponse };

/**
 * The OpenAPI 3.1 document of the observability query API, the contract the dashboard, evaluation and
 * value layers read. Query parameters come from the same zod schemas that validate them.
 */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Strata admin API: observability queries',
      version: '1',
      description:
        'Requests, their traces, sessions and time series. Every route needs a role holding `requests:read` (the master key is the owner).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/admin/v1/requests': {
        get: {
          summary: 'List requests, newest first, with filters and cursor paging',
          parameters: queryParameters(listQuerySchema),
          responses: {
            '200': ok(
              'A page of requests',
              list(request, { has_more: { type: 'boolean' }, next_cursor: { type: ['string', 'null'] } }),
            ),
            ...guarded,
          },
        },
      },
      '/admin/v1/requests/{id}': {
        get: {
          summary: 'One request with its spans, attempts and route explanation',
          parameters: [idParameter],
          responses: {
            '200': ok('The request', {
              allOf: [
                request,
                {
                  type: 'object',
                  properties: {
                    trace_id: { type: ['string', 'null'] },
                    session_id: { type: ['string', 'null'] },
                    spans: { type: 'array', items: span },
                    attempts: {
                      type: 'array',
                      items: { type: 'object', description: 'Ledger rows: one per provider attempt' },
                    },
                  },
                },
              ],
            }),
            '404': errorResponse,
            ...guarded,
          },
        },
      },
      '/admin/v1/sessions': {
        get: {
          summary: 'Sessions, most recently active first',
          parameters: queryParameters(pageSchema),
          responses: {
            '200': ok(
              'Sessions',
              list({
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  requests: { type: 'integer' },
                  first_at: { type: 'string' },
                  last_at: { type: 'string' },
                },
              }),
            ),
            ...guarded,
          },
        },
      },
      '/admin/v1/sessions/{id}': {
        get: {
          summary: "One session's requests, oldest first",
          parameters: [idParameter],
          responses: {
            '200': ok('The session', {
              type: 'object',
              properties: { id: { type: 'string' }, requests: { type: 'array', items: request } },
            }),
            '404': errorResponse,
            ...guarded,
          },
        },
      },
      '/admin/v1/stats': {
        get: {
          summary: 'Time series of requests, errors, tokens, cost, cache hits and latency percentiles',
          parameters: queryParameters(statsQuerySchema),
          responses: {
            '200': ok(
              'One point per bucket and group',
              list({
                type: 'object',
                properties: {
                  bucket: { type: 'string' },
                  group: { type: ['string', 'null'] },
                  requests: { type: 'integer' },
                  errors: { type: 'integer' },
                  error_rate: { type: 'number' },
                  input_tokens: { type: 'integer' },
                  output_tokens: { type: 'integer' },
                  cost_usd: { type: 'number' },
                  cache_hits: { type: 'integer' },
                  cache_hit_rate: { type: 'number' },
                  saved_usd: { type: 'number' },
                  latency_ms: {
                    type: 'object',
                    properties: { p50: { type: 'number' }, p95: { type: 'number' }, p99: { type: 'number' } },
                  },
                },
              }),
            ),
            ...guarded,
          },
        },
      },
    },
  };
}
