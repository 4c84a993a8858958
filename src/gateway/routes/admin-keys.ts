import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import { spendsNothing } from '../route-table.js';
import { createKeySchema, idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** `/admin/v1/keys`: create (the secret is shown once), list and revoke virtual keys. Master key only. */
export function adminKeysRoutes(app: FastifyInstance, stack: Stack): void {
  app.post('/admin/v1/keys', spendsNothing, async (request, reply) => {
    const body = validate(createKeySchema, request.body);
    const created = await stack.keys.create({
      name: body.name,
      ...(body.metadata && { metadata: body.metadata }),
    });
    return reply.code(201).send(created);
  });
  app.get('/admin/v1/keys', spendsNothing, async () => ({ object: 'list', data: await stack.keys.list() }));
  app.delete('/admin/v1/keys/:id', spendsNothing, async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    if (!(await stack.keys.revoke(id))) {
      throw new StrataError('not_found', `No active key with id \`${id}\`.`, { param: 'id' });
    }
    return { id, revoked: true };
  });
}
