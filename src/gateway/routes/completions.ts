import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatRequest, ChatResponse } from '../../core/types.js';
import type { Stack } from '../../pipeline/stack.js';
import { accountingHeaders, callFor, servedHeaders } from '../call-context.js';
import { spends } from '../route-table.js';
import { completionRequestSchema } from '../schemas.js';
import { sendEventStream } from '../sse.js';
import { validate } from '../validate.js';
import { withoutUsage } from './chat-completions.js';

/** Legacy fields that have no chat equivalent; a request that sets one gets a clear 400. */
const untranslatable = ['suffix', 'echo', 'best_of', 'logprobs'] as const;

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : '';
}

/** A chat response rewritten as a legacy `text_completion`. */
function toCompletion(response: ChatResponse) {
  return {
    id: response.id,
    object: 'text_completion',
    created: response.created,
    model: response.model,
    choices: response.choices.map((choice) => ({
      text: textOf(choice.message.content),
      index: choice.index,
      logprobs: null,
      finish_reason: choice.finish_reason,
    })),
    ...(response.usage && { usage: response.usage }),
  };
}

/** A chat chunk rewritten as a legacy completion chunk. */
function toCompletionChunk(chunk: ChatChunk) {
  return {
    id: chunk.id,
    object: 'text_completion',
    created: chunk.created,
    model: chunk.model,
    choices: chunk.choices.map((choice) => ({
      text: choice.delta.content ?? '',
      index: choice.index,
      logprobs: null,
      finish_reason: choice.finish_reason,
    })),
    ...(chunk.usage && { usage: chunk.usage }),
  };
}

/** `POST /v1/completions`: the legacy API, served by translating to a chat call with one user message. */
export function completionsRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/completions', spends, async (request, reply) => {
    const body = validate(completionRequestSchema, request.body);
    for (const field of untranslatable) {
      if (body[field] !== undefined && body[field] !== null && body[field] !== false && body[field] !== 1) {
        throw new StrataError(
          'unsupported_parameter',
          `\`${field}\` is not supported on /v1/completions by Strata.`,
          {
            param: field,
          },
        );
      }
    }
    const { prompt, ...rest } = body;
    for (const field of untranslatable) delete rest[field];
    const chatRequest = {
      ...rest,
      messages: [{ role: 'user', content: typeof prompt === 'string' ? prompt : prompt[0] }],
    };
    const outcome = await stack.chat(callFor(request, reply, chatRequest as ChatRequest, '/v1/completions'));
    const headers = servedHeaders(outcome);
    if (outcome.kind === 'response') {
      return reply
        .headers({ ...headers, ...accountingHeaders(outcome) })
        .send(toCompletion(outcome.response));
    }
    const includeUsage = body.stream_options?.include_usage === true;
    await sendEventStream(reply, headers, outcome.chunks, (chunk) => {
      const visible = includeUsage ? chunk : withoutUsage(chunk);
      return visible && toCompletionChunk(visible);
    });
    return reply;
  });
}
