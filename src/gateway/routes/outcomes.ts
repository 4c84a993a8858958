import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Principal } from '../../core/types.js';
import { actsForEveryTeam } from '../../governance/roles.js';
import type { Stack } from '../../pipeline/stack.js';
import type { OutcomePoster } from '../../store/outcomes-repository.js';
import { valueLayerOf } from '../../value/create-value.js';
import { type OutcomeInput, outcomesBodySchema, outcomeView } from '../../value/outcome-input.js';
import { verifySignature } from '../../value/signature.js';
import { jsonDepth, maxJsonDepth } from '../json-depth.js';
import { spendsNothing } from '../route-table.js';
import { validate } from '../validate.js';

/**
 * Who an outcome is from, when that limits the calls it joins: any key but the master key, an owner's or
 * an admin's posts for its own calls and its team's, so one team cannot move another's value figures.
 */
function posterOf(principal: Principal): OutcomePoster | undefined {
  return actsForEveryTeam(principal) ? undefined : { keyId: principal.keyId, team: principal.team ?? null };
}

/** Stores a validated body's outcomes and shapes the answer: the one outcome, or a list for a batch. */
async function post(stack: Stack, body: unknown, postedBy?: OutcomePoster) {
  const parsed = validate(outcomesBodySchema, body);
  const batch = 'outcomes' in parsed;
  const inputs: OutcomeInput[] = batch ? parsed.outcomes : [parsed];
  const posted = await (await valueLayerOf(stack)).outcomes.post(inputs, postedBy);
  if ('taken' in posted)
    throw new StrataError(
      'conflict',
      `Outcome id \`${inputs[posted.taken]?.id}\` is already taken by another team's outcome; choose another id.`,
      { param: batch ? `outcomes[${posted.taken}].id` : 'id' },
    );
  const views = posted.outcomes.map(({ record, created }) => outcomeView(record, created));
  const anyCreated = posted.outcomes.some((outcome) => outcome.created);
  return { status: anyCreated ? 201 : 200, body: batch ? { object: 'list', data: views } : views[0] };
}

/**
 * `POST /v1/outcomes`: attaches business outcomes to calls (by request, trace, session or correlation id),
 * one or a batch; a repeated id changes nothing. Any key may post; a key's outcomes join only its own
 * team's calls. Spends nothing.
 */
export function outcomesRoute(app: FastifyInstance, stack: Stack): void {
  app.post('/v1/outcomes', spendsNothing, async (request, reply) => {
    const { status, body } = await post(stack, request.body, posterOf(request.principal));
    return reply.code(status).send(body);
  });
}

/**
 * `POST /v1/outcomes/webhook`: the same body from a system that cannot hold an API key, authenticated by
 * `x-strata-signature: sha256=<hex HMAC-SHA256 of the raw body>` under `value.webhook_secret`.
 */
export function outcomesWebhookRoute(app: FastifyInstance, stack: Stack): void {
  // The signature covers the exact bytes sent, so this route keeps the raw text and parses it itself.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/v1/outcomes/webhook', spendsNothing, async (request, reply) => {
    const secret = (await valueLayerOf(stack)).webhookSecret;
    if (secret === undefined)
      throw new StrataError(
        'permission_denied',
        'The outcomes webhook is off: set value.webhook_secret to turn it on.',
      );
    const raw = typeof request.body === 'string' ? request.body : '';
    const signature = request.headers['x-strata-signature'];
    if (!verifySignature(secret, raw, typeof signature === 'string' ? signature : undefined))
      throw new StrataError(
        'invalid_api_key',
        'The x-strata-signature header does not match the body: send sha256=<hex HMAC-SHA256 of the raw body>.',
      );
    if (jsonDepth(raw) > maxJsonDepth)
      throw new StrataError(
        'invalid_request',
        `The request body nests more than ${maxJsonDepth} levels deep.`,
      );
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new StrataError('invalid_json', 'The request body is not valid JSON.');
    }
    const answer = await post(stack, body);
    return reply.code(answer.status).send(answer.body);
  });
}
