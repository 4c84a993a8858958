import type { FastifyInstance } from 'fastify';
import { StrataError } from '../core/errors.js';
import { jsonDepth, maxJsonDepth } from './json-depth.js';

/**
 * Parses JSON bodies as Fastify does (prototype poisoning refused), after a linear check that objects and
 * arrays nest at most `maxJsonDepth` deep: every schema, tokenizer and serializer behind the edge may then
 * recurse over a body without overflowing the stack.
 */
export function useJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text) > maxJsonDepth) {
      done(
        new StrataError(
          'invalid_request',
          `The request body nests objects and arrays more than ${maxJsonDepth} levels deep.`,
        ),
        undefined,
      );
      return;
    }
    parse(request, text, done);
  });
}
