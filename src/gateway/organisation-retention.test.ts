import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe("an organisation's content retention is set on create and changed through the admin API", () => {
  let gateway: TestGateway;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${gateway.masterKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    gateway = await startGateway({ knowledge: { ingest_project_docs: false } });
  });
  after(() => gateway.close());

  test('created with days, listed, changed, and set back to the global setting with null', async () => {
    const created = await call('POST', '/admin/v1/organisations', { id: 'acme', content_retention_days: 7 });
    assert.equal(created.status, 201);
    assert.equal(created.body.content_retention_days, 7);
    const plain = await call('POST', '/admin/v1/organisations', { id: 'plain' });
    assert.equal(plain.body.content_retention_days, null);

    const changed = await call('PATCH', '/admin/v1/organisations/acme', { content_retention_days: 30 });
    assert.equal(changed.status, 200);
    assert.deepEqual([changed.body.name, changed.body.content_retention_days], ['acme', 30]);
    const list = await call('GET', '/admin/v1/organisations');
    assert.deepEqual(
      (list.body.data as { id: string; content_retention_days: number | null }[]).map((row) => [
        row.id,
        row.content_retention_days,
      ]),
      [
        ['acme', 30],
        ['plain', null],
      ],
    );
    const reset = await call('PATCH', '/admin/v1/organisations/acme', { content_retention_days: null });
    assert.equal(reset.body.content_retention_days, null);
  });

  test('bad days, an empty change and an unknown organisation are refused in the error shape', async () => {
    for (const body of [{ content_retention_days: 0 }, { content_retention_days: 1.5 }, {}]) {
      const refused = await call('PATCH', '/admin/v1/organisations/acme', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal((refused.body.error as { type: string }).type, 'invalid_request_error');
    }
    const missing = await call('PATCH', '/admin/v1/organisations/nobody', { content_retention_days: 5 });
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as { param: string }).param, 'id');
  });
});
