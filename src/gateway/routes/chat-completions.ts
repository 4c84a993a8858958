import type { FastifyInstance } from 'fastify';
import { rawJsonOf } from '../../core/raw-json.js';
import type { ChatChunk, ChatRequest } from '../../core/types.js';
import type { Stack } from '../../pipeline/stack.js';
import { accountingHeaders, callFor, servedHeaders } from '../call-context.js';
import { spends } from '../route-table.js';
import { chatRequestSchema } from '../schemas.js';
import { sendEventStream } from '../sse.js';
import { validate } from '../validate.js';

// What Fastify sends for an object it serialises itself.
const jsonType = 'application/json; charset=utf-8';

/**
 * Removes the usage Strata asked the provider for when the client did not ask for it: the usage-only
 * final chunk is dropped and usage on other chunks is cleared.
 */
export function withoutUsage(chunk: ChatChunk): ChatChunk | undefined {
  if (chunk.usage == null) return chunk;
  if (chunk.choices.length === 0) return undefined;
  const { usage: _usage, ...rest } = chunk;
  return rest as ChatChunk;
}

/** `POST /v1/chat/completions`: JSON or server-sent events. */
export function chatCompletionsRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/chat/completions', spends, async (request, reply) => {
    const body = validate(chatRequestSchema, request.body) as ChatRequest;
    const outcome = await stack.chat(callFor(request, reply, body, '/v1/chat/completions'));
    const headers = servedHeaders(outcome);
    if (outcome.kind === 'response') {
      reply.headers({ ...headers, ...accountingHeaders(outcome) });
      // An answer no stage changed goes out as the text it arrived as, rather than serialised again.
      const raw = rawJsonOf(outcome.response);
      return raw === undefined ? reply.send(outcome.response) : reply.type(jsonType).send(raw);
    }
    const includeUsage = body.stream_options?.include_usage === true;
    await sendEventStream(reply, headers, outcome.chunks, includeUsage ? (chunk) => chunk : withoutUsage);
    return reply;
  });
}
