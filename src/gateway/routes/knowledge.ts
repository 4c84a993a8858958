import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier } from '../../config/identifier.js';
import { assertCanReadKnowledge, canReadKnowledge } from '../../governance/knowledge-scope.js';
import { answerQuestion } from '../../knowledge/answer-question.js';
import type { Stack } from '../../pipeline/stack.js';
import { baseView, hitView } from '../knowledge-views.js';
import { spendsNothing } from '../route-table.js';
import { validate } from '../validate.js';

const kbParamsSchema = z.object({ kb: identifier() });

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** The body of `POST /v1/knowledge/{kb}/search`. */
export const knowledgeSearchSchema = z.strictObject({
  query: z.string().trim().min(1),
  top_k: z.number().int().min(1).max(100).optional(),
  filter: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
  mode: z.enum(['bm25', 'vector', 'hybrid']).optional(),
  fusion: z.enum(['weighted', 'rrf']).optional(),
  mmr: z.strictObject({ lambda: z.number().min(0).max(1) }).optional(),
});

/** The body of `POST /v1/knowledge/{kb}/answer`. */
export const knowledgeAnswerSchema = z.strictObject({
  question: z.string().trim().min(1),
  top_k: z.number().int().min(1).max(50).optional(),
  filter: knowledgeSearchSchema.shape.filter,
  mode: knowledgeSearchSchema.shape.mode,
});

/** Search options from a validated search body. */
export function searchOptionsOf(body: Omit<z.output<typeof knowledgeSearchSchema>, 'query'>) {
  return {
    topK: body.top_k ?? 5,
    ...(body.filter && { filter: body.filter }),
    ...(body.mode && { mode: body.mode }),
    ...(body.fusion && { fusion: body.fusion }),
    ...(body.mmr && { mmr: body.mmr }),
  };
}

/** `/v1/knowledge`: the bases a key may read, search over one of them, and grounded answers from it. */
export function knowledgeRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/v1/knowledge', spendsNothing, async (request) => {
    const bases = await stack.knowledge.listBases();
    return {
      object: 'list',
      data: bases.filter((base) => canReadKnowledge(request.principal, base.name)).map(baseView),
    };
  });
  app.post('/v1/knowledge/:kb/search', spendsNothing, async (request) => {
    const { kb } = validate(kbParamsSchema, request.params);
    assertCanReadKnowledge(request.principal, kb);
    const body = validate(knowledgeSearchSchema, request.body);
    const hits = await stack.knowledge.search(kb, body.query, searchOptionsOf(body));
    return { object: 'list', kb, query: body.query, data: hits.map(hitView) };
  });
  app.post('/v1/knowledge/:kb/answer', spendsNothing, async (request) => {
    const { kb } = validate(kbParamsSchema, request.params);
    assertCanReadKnowledge(request.principal, kb);
    const body = validate(knowledgeAnswerSchema, request.body);
    const { topK: _shown, ...search } = searchOptionsOf(body);
    const configured = stack.config.knowledge.top_k;
    // Without top_k it reads what chat's local/extractive reads, so both doors give the same answer.
    const result = await answerQuestion(
      stack.knowledge,
      kb,
      body.question,
      { ...search, ...(body.top_k !== undefined && { topK: body.top_k }) },
      configured,
    );
    const shown = body.top_k ?? configured;
    const cited = new Set(result.citations.map((citation) => citation.chunk_id));
    return {
      object: 'knowledge.answer',
      kb,
      question: body.question,
      answer: result.answer,
      abstained: result.abstained,
      support: result.support,
      citations: result.citations,
      chunks: result.hits.filter((hit, rank) => rank < shown || cited.has(hit.id)).map(hitView),
    };
  });
}
