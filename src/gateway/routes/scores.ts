import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier, storedText } from '../../config/identifier.js';
import type { Stack } from '../../pipeline/stack.js';
import type { ScoreRecord } from '../../store/scores-repository.js';
import { spendsNothing } from '../route-table.js';
import { validate } from '../validate.js';

const target = { request_id: identifier(200).optional(), session_id: identifier(200).optional() };
const common = { ...target, name: identifier(100), comment: storedText(4000).optional() };

/** `POST /v1/scores`: thumbs (`up`/`down`), a number, or a category, on a request or a session. */
const scoreBody = z
  .discriminatedUnion('type', [
    z.strictObject({ ...common, type: z.literal('thumbs'), value: z.enum(['up', 'down']) }),
    z.strictObject({ ...common, type: z.literal('number'), value: z.number().finite() }),
    z.strictObject({ ...common, type: z.literal('category'), value: identifier(200) }),
  ])
  .refine((body) => (body.request_id === undefined) !== (body.session_id === undefined), {
    message: 'name exactly one of request_id or session_id',
    path: ['request_id'],
  });

/** A score as the API shows it. */
export function scoreView(score: ScoreRecord) {
  return {
    object: 'score',
    id: score.id,
    request_id: score.requestId,
    session_id: score.sessionId,
    name: score.name,
    type: score.kind,
    value:
      score.kind === 'thumbs'
        ? score.value === 1
          ? 'up'
          : 'down'
        : score.kind === 'category'
          ? score.category
          : score.value,
    comment: score.comment,
    source: score.source,
    created_at: score.createdAt,
  };
}

/** `POST /v1/scores`: people's feedback on an answer or a conversation, for the query API and datasets. */
export function scoresRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/scores', spendsNothing, async (request, reply) => {
    const body = validate(scoreBody, request.body);
    const score = await stack.evaluation.scores.add({
      requestId: body.request_id ?? null,
      sessionId: body.session_id ?? null,
      name: body.name,
      kind: body.type,
      value:
        body.type === 'thumbs' ? (body.value === 'up' ? 1 : 0) : body.type === 'number' ? body.value : null,
      category: body.type === 'category' ? body.value : null,
      comment: body.comment ?? null,
      source: 'human',
    });
    return reply.code(201).send(scoreView(score));
  });
}
