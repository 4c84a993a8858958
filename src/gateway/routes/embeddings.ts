import type { FastifyInstance } from 'fastify';
import type { EmbeddingRequest } from '../../core/types.js';
import type { Stack } from '../../pipeline/stack.js';
import { accountingHeaders, callFor, servedHeaders } from '../call-context.js';
import { spends } from '../route-table.js';
import { embeddingRequestSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** `POST /v1/embeddings`. */
export function embeddingsRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/embeddings', spends, async (request, reply) => {
    const body = validate(embeddingRequestSchema, request.body) as EmbeddingRequest;
    const outcome = await stack.embed(callFor(request, reply, body, '/v1/embeddings'));
    return reply.headers({ ...servedHeaders(outcome), ...accountingHeaders(outcome) }).send(outcome.response);
  });
}
