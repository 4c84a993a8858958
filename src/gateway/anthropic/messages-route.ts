import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import type { RequestLogRow } from '../../store/request-log.js';
import { callFor, servedHeaders } from '../call-context.js';
import { edgeError } from '../edge-error.js';
import { validate } from '../validate.js';
import { estimateInputTokens } from './count-tokens.js';
import { anthropicErrorBody } from './error-shape.js';
import { sendMessageStream } from './event-stream.js';
import { fromChatResponse } from './from-chat-response.js';
import { countTokensRequestSchema, messagesRequestSchema } from './messages-schema.js';
import { createStreamTranslator } from './stream-events.js';
import { toChatRequest } from './to-chat-request.js';

const endpoint = '/v1/messages';

/**
 * `POST /v1/messages` and `POST /v1/messages/count_tokens`: Anthropic's Messages API in front of any
 * provider. Register inside the authenticated /v1 scope (`x-api-key` is accepted there).
 *
 * The one exception to Strata's single error shape: these routes live in their own plugin scope whose
 * error handler renders errors as `{type:'error', error:{type, message}}` with the same status, because
 * Anthropic-compatible clients parse that shape and nothing else. Every other route keeps OpenAI's.
 */
export function messagesRoutes(stack: Stack) {
  return async (app: FastifyInstance): Promise<void> => {
    const bodyLimit = stack.config.server.body_limit_bytes;
    app.setErrorHandler(async (thrown, request, reply) => {
      const error = edgeError(thrown, bodyLimit);
      if (error.status >= 500 && error.code === 'internal_error') console.error(thrown);
      if (!request.enteredPipeline && request.principal) {
        stack.recordRejected(rejectedRow(request, error, reply.elapsedTime));
      }
      return reply.code(error.status).headers(error.headers).send(anthropicErrorBody(error));
    });

    app.post(endpoint, async (request, reply) => {
      const body = validate(messagesRequestSchema, request.body);
      const outcome = await stack.chat(callFor(request, reply, toChatRequest(body), endpoint));
      const headers = servedHeaders(outcome.servedBy);
      if (outcome.kind === 'response') {
        return reply.headers(headers).send(fromChatResponse(outcome.response, body.model));
      }
      await sendMessageStream(reply, headers, outcome.chunks, createStreamTranslator(body.model));
      return reply;
    });

    app.post(`${endpoint}/count_tokens`, async (request) => {
      const body = validate(countTokensRequestSchema, request.body);
      if (!stack.models.resolve(body.model)) {
        throw new StrataError('model_not_found', `The model \`${body.model}\` does not exist.`, {
          param: 'model',
        });
      }
      return { input_tokens: estimateInputTokens(body) };
    });
  };
}

/** The log row of a request rejected before it reached the pipeline (auth, parse, validation). */
function rejectedRow(request: FastifyRequest, error: StrataError, elapsedMs: number): RequestLogRow {
  const body = request.body as { model?: unknown; stream?: unknown } | undefined;
  return {
    requestId: request.id,
    createdAt: new Date().toISOString(),
    endpoint: request.routeOptions.url ?? request.url,
    keyId: request.principal.keyId,
    requestedModel: typeof body?.model === 'string' ? body.model : null,
    servedModel: null,
    provider: null,
    status: error.status,
    errorCode: error.code,
    stream: body?.stream === true,
    latencyMs: Math.round(elapsedMs),
    ttftMs: null,
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
  };
}
