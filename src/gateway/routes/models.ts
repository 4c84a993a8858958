import type { FastifyInstance } from 'fastify';
import { StrataError } from '../../core/errors.js';
import type { ModelEntry } from '../../models/model-registry.js';
import type { Stack } from '../../pipeline/stack.js';

const created = Math.floor(Date.now() / 1000);

function modelObject(entry: ModelEntry) {
  return { id: entry.name, object: 'model' as const, created, owned_by: entry.provider };
}

/** `GET /v1/models` and `GET /v1/models/{model}`: the names a client can send. */
export function modelsRoute(app: FastifyInstance, stack: Stack): void {
  app.get('/v1/models', async () => ({ object: 'list', data: stack.models.list().map(modelObject) }));
  app.get<{ Params: { '*': string } }>('/v1/models/*', async (request) => {
    const name = request.params['*'];
    const resolved = stack.models.resolve(name);
    if (!resolved)
      throw new StrataError('model_not_found', `The model \`${name}\` does not exist.`, { param: 'model' });
    return modelObject({ name, provider: resolved.provider.id, model: resolved.upstreamModel });
  });
}
