import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier, storedText } from '../../config/identifier.js';
import { StrataError } from '../../core/errors.js';
import type { Principal } from '../../core/types.js';
import { actsForEveryTeam } from '../../governance/roles.js';
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

/** What a score is about: one request, or one session. */
type Scored = { requestId: string } | { sessionId: string };

/** True when a call of `scored` was made with the caller's key or by one of its teams. */
async function madeBy(stack: Stack, principal: Principal, scored: Scored): Promise<boolean> {
  const teams = principal.teams ?? (principal.team ? [principal.team] : []);
  if ('requestId' in scored) {
    const row = await stack.requestLog.get(scored.requestId);
    if (!row) return false;
    if (row.keyId !== null && row.keyId === principal.keyId) return true;
    if (teams.length === 0) return false;
    const attempts = await stack.ledger.rowsOf(scored.requestId);
    return attempts.some((attempt) => attempt.team !== null && teams.includes(attempt.team));
  }
  const filters = [
    ...(principal.keyId === null ? [] : [{ keyId: principal.keyId }]),
    ...teams.map((team) => ({ team })),
  ];
  for (const filter of filters) {
    const page = await stack.requests.list({ session: scored.sessionId, ...filter }, { limit: 1 });
    if (page.rows.length > 0) return true;
  }
  return false;
}

/**
 * Refuses a score about calls the caller did not make: an owner or admin (and everyone when the gateway
 * runs without keys) may score any call; any other key only calls made with it or by its team, so one
 * team cannot skew another's feedback. A call that just ended may still wait in the request log's batch,
 * so a miss flushes the log and looks once more. An unknown id and another team's read alike: not found.
 */
async function assertMayScore(stack: Stack, principal: Principal, scored: Scored): Promise<void> {
  if (actsForEveryTeam(principal)) return;
  if (await madeBy(stack, principal, scored)) return;
  await stack.flush();
  if (await madeBy(stack, principal, scored)) return;
  const [what, param] =
    'requestId' in scored
      ? [`request \`${scored.requestId}\``, 'request_id']
      : [`call in session \`${scored.sessionId}\``, 'session_id'];
  throw new StrataError('not_found', `No ${what} made with this key or by its team.`, { param });
}

/** `POST /v1/scores`: people's feedback on an answer or a conversation, for the query API and datasets. */
export function scoresRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/scores', spendsNothing, async (request, reply) => {
    const body = validate(scoreBody, request.body);
    await assertMayScore(
      stack,
      request.principal,
      body.request_id !== undefined ? { requestId: body.request_id } : { sessionId: body.session_id ?? '' },
    );
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
