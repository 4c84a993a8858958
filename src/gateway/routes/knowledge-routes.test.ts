import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

/** Response bodies, read as loosely as JSON.parse types them. */
type Json = ReturnType<typeof JSON.parse>;

describe('knowledge HTTP API', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startGateway({});
  });
  after(async () => {
    await gateway.close();
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    key = gateway.masterKey,
    headers: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, ...headers } };
    if (body instanceof FormData || body instanceof Uint8Array || typeof body === 'string')
      init.body = body as NonNullable<RequestInit['body']>;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(`${gateway.url}${path}`, init);
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function finished(kb: string, id: string) {
    for (;;) {
      const progress = await call('GET', `/admin/v1/knowledge/${kb}/ingestions/${id}`);
      if (progress.body.status !== 'running') return progress.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('creates, lists and deletes knowledge bases; bad bodies name the field', async () => {
    const created = await call('POST', '/admin/v1/knowledge', {
      name: 'manuals',
      description: 'Product manuals',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.object, 'knowledge_base');
    assert.equal(created.body.chunk_tokens, 256);
    const duplicate = await call('POST', '/admin/v1/knowledge', { name: 'manuals' });
    assert.deepEqual([duplicate.status, duplicate.body.error.param], [400, 'name']);
    const badType = await call('POST', '/admin/v1/knowledge', { name: 'x', chunk_tokens: 'big' });
    assert.deepEqual(
      [badType.status, badType.body.error.param, badType.body.error.type],
      [400, 'chunk_tokens', 'invalid_request_error'],
    );
    const list = await call('GET', '/admin/v1/knowledge');
    assert.ok(list.body.data.some((base: { name: string }) => base.name === 'manuals'));
    assert.equal((await call('DELETE', '/admin/v1/knowledge/manuals')).body.deleted, true);
    const gone = await call('DELETE', '/admin/v1/knowledge/manuals');
    assert.deepEqual([gone.status, gone.body.error.code], [404, 'not_found']);
  });

  it('upserts JSON documents and searches them; unknown bases are 404 and bad searches 400', async () => {
    await call('POST', '/admin/v1/knowledge', { name: 'handbook' });
    const upserted = await call('POST', '/admin/v1/knowledge/handbook/documents', {
      documents: [
        {
          id: 'budgets',
          text: '# Budgets\n\nA hard budget refuses a call that would overspend.',
          metadata: { area: 'tokens' },
        },
        { id: 'routing', text: 'A cascade tries a cheap model first.', metadata: { area: 'routing' } },
      ],
    });
    assert.deepEqual(
      upserted.body.data.map((entry: { status: string }) => entry.status),
      ['created', 'created'],
    );
    const again = await call('POST', '/admin/v1/knowledge/handbook/documents', {
      documents: [
        {
          id: 'budgets',
          text: '# Budgets\n\nA hard budget refuses a call that would overspend.',
          metadata: { area: 'tokens' },
        },
      ],
    });
    assert.equal(again.body.data[0].status, 'unchanged');

    const search = await call('POST', '/v1/knowledge/handbook/search', {
      query: 'what does a hard budget refuse?',
      top_k: 1,
    });
    assert.equal(search.status, 200);
    const [hit] = search.body.data;
    assert.equal(hit.id, 'budgets#0');
    assert.equal(hit.document_id, 'budgets');
    assert.deepEqual(hit.heading_path, ['Budgets']);
    assert.equal(hit.char_start, 0);
    const filtered = await call('POST', '/v1/knowledge/handbook/search', {
      query: 'model budget',
      filter: { area: 'routing' },
    });
    assert.deepEqual(
      filtered.body.data.map((found: { document_id: string }) => found.document_id),
      ['routing'],
    );

    const unknown = await call('POST', '/v1/knowledge/nope/search', { query: 'x' });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'not_found']);
    const noQuery = await call('POST', '/v1/knowledge/handbook/search', { top_k: 3 });
    assert.deepEqual([noQuery.status, noQuery.body.error.param], [400, 'query']);
    const badTopK = await call('POST', '/v1/knowledge/handbook/search', { query: 'x', top_k: 0 });
    assert.deepEqual([badTopK.status, badTopK.body.error.param], [400, 'top_k']);
    const badDocument = await call('POST', '/admin/v1/knowledge/handbook/documents', {
      documents: [{ text: 'no id' }],
    });
    assert.deepEqual([badDocument.status, badDocument.body.error.param], [400, 'documents[0].id']);
  });

  it('ingests uploaded files (multipart and raw body) with progress, and deletes documents by id', async () => {
    await call('POST', '/admin/v1/knowledge', { name: 'uploads' });
    const form = new FormData();
    form.append(
      'file',
      new Blob(['# Keys\n\nKeys are stored as SHA-256 hashes.'], { type: 'text/markdown' }),
      'keys.md',
    );
    form.append('file', new Blob(['{"broken":'], { type: 'application/json' }), 'broken.json');
    const accepted = await call('POST', '/admin/v1/knowledge/uploads/documents', form);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.object, 'knowledge.ingestion');
    assert.equal(accepted.body.total, 2);
    const done = await finished('uploads', accepted.body.id);
    assert.deepEqual([done.status, done.done, done.created, done.failed], ['completed', 2, 1, 1]);
    assert.equal(done.errors[0].source, 'broken.json');
    assert.match(done.errors[0].reason, /invalid JSON/);

    const raw = await call(
      'POST',
      '/admin/v1/knowledge/uploads/documents?filename=guide/setup.html',
      '<h1>Setup</h1><p>Run npm start.</p>',
      undefined,
      {
        'content-type': 'text/html',
      },
    );
    assert.equal(raw.status, 202);
    await finished('uploads', raw.body.id);
    const found = await call('POST', '/v1/knowledge/uploads/search', { query: 'npm start' });
    assert.equal(found.body.data[0].document_id, 'setup.html');
    const unnamed = await call('POST', '/admin/v1/knowledge/uploads/documents', 'text', undefined, {
      'content-type': 'text/plain',
    });
    assert.deepEqual([unnamed.status, unnamed.body.error.param], [400, 'filename']);

    await call('POST', '/admin/v1/knowledge/uploads/documents', {
      documents: [{ id: 'docs/nested.md', text: 'Nested path id.' }],
    });
    assert.equal(
      (await call('DELETE', '/admin/v1/knowledge/uploads/documents/docs/nested.md')).body.deleted,
      true,
    );
    assert.equal((await call('DELETE', '/admin/v1/knowledge/uploads/documents/docs/nested.md')).status, 404);
    const listed = await call('GET', '/admin/v1/knowledge/uploads/documents');
    assert.deepEqual(
      listed.body.data.map((document: { id: string }) => document.id),
      ['keys.md', 'setup.html'],
    );
    const missingJob = await call('GET', '/admin/v1/knowledge/uploads/ingestions/ing_unknown');
    assert.equal(missingJob.status, 404);
  });

  it('lets a virtual key read only the bases in its knowledge scope', async () => {
    await call('POST', '/admin/v1/knowledge', { name: 'public-docs' });
    await call('POST', '/admin/v1/knowledge', { name: 'secret' });
    await call('POST', '/admin/v1/knowledge/public-docs/documents', {
      documents: [{ id: 'a', text: 'Open facts.' }],
    });
    const scoped = (
      await call('POST', '/admin/v1/keys', { name: 'reader', metadata: { knowledge: 'public-docs' } })
    ).body.key as string;
    const unscoped = (await call('POST', '/admin/v1/keys', { name: 'plain' })).body.key as string;

    const listed = await call('GET', '/v1/knowledge', undefined, scoped);
    assert.deepEqual(
      listed.body.data.map((base: { name: string }) => base.name),
      ['public-docs'],
    );
    assert.equal(
      (await call('POST', '/v1/knowledge/public-docs/search', { query: 'facts' }, scoped)).status,
      200,
    );
    const denied = await call('POST', '/v1/knowledge/secret/search', { query: 'facts' }, scoped);
    assert.equal(denied.status, 403);
    assert.deepEqual(Object.keys(denied.body.error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(denied.body.error.type, 'permission_error');
    assert.equal(
      (await call('POST', '/v1/knowledge/public-docs/search', { query: 'facts' }, unscoped)).status,
      403,
    );
    assert.equal((await call('GET', '/admin/v1/knowledge', undefined, scoped)).status, 403);
    const all = await call('GET', '/v1/knowledge');
    assert.ok(all.body.data.length >= 2);
  });
});
