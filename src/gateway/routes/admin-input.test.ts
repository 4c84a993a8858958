import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eachDialect } from '../../store/testing/each-dialect.js';
import { assertErrorShape, send } from '../testing/error-shape.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

eachDialect('identifiers and amounts at the admin and knowledge edge', (context) => {
  // A nested suite, so the gateway closes before the dialect suite drops its database.
  describe('one gateway', () => {
    let gateway: TestGateway;

    before(async () => {
      const environment: Record<string, string> =
        context.dialect === 'postgres' && context.location.url ? { DATABASE_URL: context.location.url } : {};
      gateway = await startGateway({}, { environment });
      await gateway.stack.knowledge.createBase({ name: 'docs' });
    });
    after(() => gateway.close());

    const call = (method: string, path: string, body?: unknown) =>
      send(`${gateway.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${gateway.masterKey}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });

    /** Asserts a 400 in the one shape whose `param` names the field. */
    async function rejects(method: string, path: string, body: unknown, param: string) {
      const response = await call(method, path, body);
      assert.equal(response.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assertErrorShape(path, response);
      assert.equal((response.body as { error: { param: string } }).error.param, param);
    }

    test('a NUL or control character in a name or id is a 400 naming the field', async () => {
      await rejects('GET', '/admin/v1/knowledge/do%00cs', undefined, 'kb');
      await rejects('DELETE', '/admin/v1/knowledge/do%00cs', undefined, 'kb');
      await rejects('GET', '/admin/v1/knowledge/do%00cs/documents', undefined, 'kb');
      await rejects('POST', '/v1/knowledge/do%00cs/search', { query: 'q' }, 'kb');
      await rejects('POST', '/v1/knowledge/do%00cs/answer', { question: 'q' }, 'kb');
      await rejects('DELETE', '/admin/v1/knowledge/docs/documents/a%00b', undefined, '*');
      await rejects('GET', '/admin/v1/knowledge/docs/ingestions/a%00b', undefined, 'id');
      await rejects('DELETE', '/admin/v1/keys/key%00', undefined, 'id');
      await rejects('DELETE', '/admin/v1/budgets/bud%07', undefined, 'id');
      await rejects('GET', '/admin/v1/spend?key_id=%00', undefined, 'key_id');
      await rejects('GET', '/admin/v1/spend?model=a%00', undefined, 'model');
      await rejects('POST', '/admin/v1/knowledge', { name: 'a\u0000b' }, 'name');
      await rejects('POST', '/admin/v1/knowledge', { name: 'kb2', description: 'a\u0000' }, 'description');
      await rejects(
        'POST',
        '/admin/v1/knowledge/docs/documents',
        { documents: [{ id: 'd\u0000', text: 't' }] },
        'documents[0].id',
      );
      await rejects(
        'POST',
        '/admin/v1/knowledge/docs/documents',
        { documents: [{ id: 'd', text: 't', title: '\u0000' }] },
        'documents[0].title',
      );
      await rejects('DELETE', '/admin/v1/knowledge/docs/documents', { ids: ['\u0000'] }, 'ids[0]');
      await rejects('POST', '/admin/v1/keys', { name: 'k\u0000' }, 'name');
      await rejects('POST', '/admin/v1/keys', { name: 'k', metadata: { team: 'a\u0000' } }, 'metadata.team');
      await rejects(
        'POST',
        '/admin/v1/budgets',
        { scope: 'team', match: 'a\u0000', period: 'daily', limit_usd: 1 },
        'match',
      );
      await rejects('POST', '/admin/v1/keys', { name: 'k'.repeat(201) }, 'name');
      await rejects('DELETE', `/admin/v1/keys/${'k'.repeat(300)}`, undefined, 'id');
      await rejects('DELETE', `/admin/v1/knowledge/docs/documents/${'d/'.repeat(600)}`, undefined, '*');
      const upload = await send(`${gateway.url}/admin/v1/knowledge/docs/documents?filename=a%00.txt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'text/plain' },
        body: 'Some text.',
      });
      assert.equal(upload.status, 400);
      assert.equal((upload.body as { error: { param: string } }).error.param, 'filename');
    });

    test('names and ids with spaces, slashes and unicode still work', async () => {
      const key = await call('POST', '/admin/v1/keys', {
        name: 'café team ✓',
        metadata: { team: 'search & ads' },
      });
      assert.equal(key.status, 201);
      const upserted = await call('POST', '/admin/v1/knowledge/docs/documents', {
        documents: [{ id: 'guides/ünïcode.md', text: 'Line one.\nLine two.', title: 'Tabs\tand newlines\n' }],
      });
      assert.equal(upserted.status, 200);
      const removed = await call('DELETE', '/admin/v1/knowledge/docs/documents/guides/%C3%BCn%C3%AFcode.md');
      assert.equal(removed.status, 200);
      const longId = `${'section/'.repeat(60)}page.md`;
      await call('POST', '/admin/v1/knowledge/docs/documents', {
        documents: [{ id: longId, text: 'Deep page.' }],
      });
      const removedLong = await call('DELETE', `/admin/v1/knowledge/docs/documents/${longId}`);
      assert.equal(removedLong.status, 200);
    });

    test('a budget limit outside one micro-dollar to one billion dollars is a 400 naming limit_usd', async () => {
      for (const limit of [1e13, 1e10, 1e300, 1e-12, 0, -1]) {
        await rejects(
          'POST',
          '/admin/v1/budgets',
          { scope: 'global', period: 'total', limit_usd: limit },
          'limit_usd',
        );
      }
      const largest = await call('POST', '/admin/v1/budgets', {
        scope: 'team',
        match: 'big',
        period: 'total',
        limit_usd: 1e9,
      });
      assert.equal(largest.status, 201);
      assert.equal((largest.body as { limit_usd: number }).limit_usd, 1e9);
      const smallest = await call('POST', '/admin/v1/budgets', {
        scope: 'team',
        match: 'small',
        period: 'daily',
        limit_usd: 0.000001,
      });
      assert.equal(smallest.status, 201);
      assert.equal((smallest.body as { limit_usd: number }).limit_usd, 0.000001);
    });
  });
});
