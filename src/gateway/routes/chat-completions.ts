import type { FastifyInstance } from 'fastify';
import type { ChatChunk, ChatRequest } from '../../core/types.js';
import type { Stack } from '../../pipeline/stack.js';
import { accountingHeaders, callFor, servedHeaders } from '../call-context.js';
import { chatRequestSchema } from '../schemas.js';
import { sendEventStream } from '../sse.js';
import { validate } from '../validate.js';

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
  app.post('/v1/chat/completions', async (request, reply) => {
    const body = validate(chatRequestSchema, request.body) as ChatRequest;
    const outcome = await stack.chat(callFor(request, reply, body, '/v1/chat/completions'));
    const headers = servedHeaders(outcome);
    if (outcome.kind === 'response') {
      return reply.headers({ ...headers, ...accountingHeaders(outcome) }).send(outcome.response);
    }
    const includeUsage = body.stream_options?.include_usage === true;
    await sendEventStream(reply, headers, outcome.chunks, includeUsage ? (chunk) => chunk : withoutUsage);
    return reply;
  });
}
