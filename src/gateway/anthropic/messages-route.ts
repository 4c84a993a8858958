import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import { accountingHeaders, callFor, servedHeaders } from '../call-context.js';
import { edgeErrorHandler } from '../error-handler.js';
import { spends, spendsNothing } from '../route-table.js';
import { validate } from '../validate.js';
import { countInputTokens } from './count-tokens.js';
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
    app.setErrorHandler(edgeErrorHandler(stack, anthropicErrorBody));

    app.post(endpoint, spends, async (request, reply) => {
      const body = validate(messagesRequestSchema, request.body);
      const outcome = await stack.chat(callFor(request, reply, toChatRequest(body), endpoint));
      const headers = servedHeaders(outcome);
      if (outcome.kind === 'response') {
        return reply
          .headers({ ...headers, ...accountingHeaders(outcome) })
          .send(fromChatResponse(outcome.response, body.model));
      }
      await sendMessageStream(reply, headers, outcome.chunks, createStreamTranslator(body.model));
      return reply;
    });

    app.post(`${endpoint}/count_tokens`, spendsNothing, async (request) => {
      const body = validate(countTokensRequestSchema, request.body);
      const resolved = stack.models.resolve(body.model);
      if (!resolved) {
        throw new StrataError('model_not_found', `The model \`${body.model}\` does not exist.`, {
          param: 'model',
        });
      }
      return { input_tokens: countInputTokens(body, resolved.provider.kind, resolved.upstreamModel) };
    });
  };
}
