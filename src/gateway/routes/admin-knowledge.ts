import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { identifier, storedText } from '../../config/identifier.js';
import { StrataError } from '../../core/errors.js';
import type { IngestInput } from '../../knowledge/knowledge-service.js';
import type { Stack } from '../../pipeline/stack.js';
import { baseView, ingestionView } from '../knowledge-views.js';
import { parseMultipart } from '../multipart.js';
import { needs } from '../route-table.js';
import { validate } from '../validate.js';

const createSchema = z.strictObject({
  name: identifier(),
  description: storedText().optional(),
  chunk_tokens: z.number().int().optional(),
  chunk_overlap: z.number().int().optional(),
});

/** Document ids are often paths (`docs/guide.md`). */
const documentId = identifier(1024);

const documentSchema = z.strictObject({
  id: documentId,
  text: z.string(),
  title: storedText(1000).nullable().optional(),
  source: storedText(2048).optional(),
  metadata: z.record(z.string(), z.json()).optional(),
  format: z.enum(['markdown', 'plain']).optional(),
});

const upsertSchema = z.strictObject({ documents: z.array(documentSchema).min(1).max(1000) });
const deleteSchema = z.strictObject({ ids: z.array(documentId).min(1).max(1000) });

const kbParamsSchema = z.object({ kb: identifier() });
const documentParamsSchema = z.object({ kb: identifier(), '*': documentId });
const ingestionParamsSchema = z.object({ kb: identifier(), id: identifier() });
const filenameSchema = z.object({ filename: identifier(1024) });

/** Uploads may be larger than ordinary API bodies. */
const uploadLimitBytes = 64 * 1024 * 1024;

/**
 * `/admin/v1/knowledge`: create, list and delete knowledge bases; upsert documents as JSON or upload
 * files (multipart or a raw body), delete documents, and follow ingestion jobs. Master key only.
 */
export function adminKnowledgeRoutes(app: FastifyInstance, stack: Stack): void {
  app.register(async (scope) => {
    // Files arrive as raw bytes of any type; JSON bodies keep the default parser.
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: uploadLimitBytes },
      (_request, body, done) => done(null, body),
    );
    routes(scope, stack);
  });
}

function routes(app: FastifyInstance, stack: Stack): void {
  const knowledge = stack.knowledge;
  app.post('/admin/v1/knowledge', needs('knowledge:write'), async (request, reply) => {
    const body = validate(createSchema, request.body);
    const created = await knowledge.createBase({
      name: body.name,
      ...(body.description !== undefined && { description: body.description }),
      ...(body.chunk_tokens !== undefined && { chunkTokens: body.chunk_tokens }),
      ...(body.chunk_overlap !== undefined && { chunkOverlap: body.chunk_overlap }),
    });
    return reply.code(201).send(baseView(created));
  });
  app.get('/admin/v1/knowledge', needs('knowledge:read'), async () => ({
    object: 'list',
    data: (await knowledge.listBases()).map(baseView),
  }));
  app.get('/admin/v1/knowledge/:kb', needs('knowledge:read'), async (request) =>
    baseView(await knowledge.getBase(validate(kbParamsSchema, request.params).kb)),
  );
  app.delete('/admin/v1/knowledge/:kb', needs('knowledge:write'), async (request) => {
    const { kb } = validate(kbParamsSchema, request.params);
    if (!(await knowledge.deleteBase(kb))) {
      throw new StrataError('not_found', `No knowledge base named \`${kb}\`.`, { param: 'kb' });
    }
    return { object: 'knowledge_base', name: kb, deleted: true };
  });

  app.get('/admin/v1/knowledge/:kb/documents', needs('knowledge:read'), async (request) => ({
    object: 'list',
    data: (await knowledge.listDocuments(validate(kbParamsSchema, request.params).kb)).map((document) => ({
      object: 'knowledge.document',
      id: document.id,
      source: document.source,
      title: document.title,
      chunks: document.chunks,
      updated_at: document.updatedAt,
    })),
  }));
  app.post<{ Querystring: { filename?: string } }>(
    '/admin/v1/knowledge/:kb/documents',
    { ...needs('knowledge:write'), bodyLimit: uploadLimitBytes },
    async (request, reply) => {
      const { kb } = validate(kbParamsSchema, request.params);
      await knowledge.getBase(kb);
      const type = request.headers['content-type'] ?? '';
      if (/^application\/json\b/i.test(type)) {
        const body = validate(upsertSchema, request.body);
        const data = [];
        for (const document of body.documents) {
          const status = await knowledge.upsertDocument(kb, {
            id: document.id,
            text: document.text,
            ...(document.title !== undefined && { title: document.title }),
            ...(document.source !== undefined && { source: document.source }),
            ...metadataOf(document.metadata, request.principal.user),
            ...(document.format !== undefined && { structure: document.format }),
          });
          data.push({ object: 'knowledge.document', id: document.id, status });
        }
        return { object: 'list', data };
      }
      const uploader = request.principal.user;
      const { job } = await knowledge.ingest(
        kb,
        uploads(request),
        uploader === undefined ? {} : { metadata: { uploaded_by: uploader } },
      );
      return reply.code(202).send(ingestionView(job));
    },
  );
  app.delete('/admin/v1/knowledge/:kb/documents', needs('knowledge:write'), async (request) => {
    const { kb } = validate(kbParamsSchema, request.params);
    await knowledge.getBase(kb);
    const body = validate(deleteSchema, request.body);
    const data = [];
    for (const id of body.ids) data.push({ id, deleted: await knowledge.deleteDocument(kb, id) });
    return { object: 'list', data };
  });
  // Document ids are often paths (`docs/guide.md`), so the id is the rest of the URL.
  app.delete('/admin/v1/knowledge/:kb/documents/*', needs('knowledge:write'), async (request) => {
    const { kb, '*': id } = validate(documentParamsSchema, request.params);
    if (!(await knowledge.deleteDocument(kb, id))) {
      throw new StrataError('not_found', `No document \`${id}\` in the knowledge base \`${kb}\`.`, {
        param: 'id',
      });
    }
    return { object: 'knowledge.document', id, deleted: true };
  });
  app.get('/admin/v1/knowledge/:kb/ingestions/:id', needs('knowledge:read'), async (request) => {
    const { kb, id } = validate(ingestionParamsSchema, request.params);
    const progress = knowledge.job(id);
    if (!progress || progress.kb !== kb) {
      throw new StrataError(
        'not_found',
        `No ingestion \`${id}\` for the knowledge base \`${kb}\` on this server.`,
        {
          param: 'id',
        },
      );
    }
    return ingestionView(progress);
  });
}

/** The files of an upload: every file part of a multipart form, or the raw body named by `?filename=`. */
/** A document's metadata, naming the user who uploaded it so an erasure of that user finds it. */
function metadataOf(metadata: Record<string, unknown> | undefined, user: string | undefined) {
  if (user === undefined) return metadata === undefined ? {} : { metadata };
  return { metadata: { ...metadata, uploaded_by: user } };
}

function uploads(request: FastifyRequest<{ Querystring: { filename?: string } }>): IngestInput[] {
  const type = request.headers['content-type'] ?? '';
  // Text types may already have been read as a string by Fastify's own parser.
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new StrataError(
      'invalid_request',
      'Send JSON documents, a multipart form with files, or a file as the body.',
      {
        param: 'body',
      },
    );
  }
  if (/^multipart\/form-data\b/i.test(type)) {
    const files = parseMultipart(body, type).filter((part) => part.filename !== undefined);
    if (files.length === 0) {
      throw new StrataError('invalid_request', 'The multipart form has no file part.', { param: 'file' });
    }
    return files.map((part) => ({
      name: part.filename ?? part.name,
      bytes: part.data,
      ...(part.contentType && { mediaType: part.contentType }),
    }));
  }
  const header = request.headers['x-filename'];
  const given = request.query.filename ?? (typeof header === 'string' ? header : undefined);
  if (!given) {
    throw new StrataError(
      'invalid_request',
      'Name the uploaded file with `?filename=` or an `x-filename` header.',
      {
        param: 'filename',
      },
    );
  }
  const { filename: name } = validate(filenameSchema, { filename: given });
  return [{ name, bytes: body, mediaType: type }];
}
