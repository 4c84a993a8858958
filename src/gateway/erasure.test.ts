import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { answeredUsage, testPrice } from '../tokens/budgets/testing/budget-fixture.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

const planted = 'my-planted-diagnosis-4471';

eachDialect('erasure of a user and of an end-user id', (context) => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let adaKey = '';
  let appKey = '';
  const requestIds: Record<string, string> = {};

  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  /** A chat call whose prompt carries the planted text; returns its request id. */
  async function ask(key: string, user: string | undefined, text: string): Promise<string> {
    const response = await call('POST', '/v1/chat/completions', key, {
      model: 'openai/gpt-4o-mini',
      max_tokens: 5,
      messages: [{ role: 'user', content: text }],
      ...(user !== undefined && { user }),
    });
    assert.equal(response.status, 200);
    await response.arrayBuffer();
    return response.headers.get('x-request-id') ?? '';
  }

  before(async () => {
    upstream = await startFakeUpstream((_recorded, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-erase',
          object: 'chat.completion',
          created: 1_760_000_000,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'noted' }, finish_reason: 'stop' }],
          usage: answeredUsage,
        }),
      );
    });
    gateway = await startGateway(
      {
        providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
        catalog: { models: [testPrice] },
        cache: { enabled: true },
        observability: { traces: true, capture_content: true },
        knowledge: { ingest_project_docs: false },
      },
      context.dialect === 'postgres' ? { environment: { DATABASE_URL: context.location.url ?? '' } } : {},
    );
    const master = gateway.masterKey;
    await call('POST', '/admin/v1/teams', master, { id: 'care' });
    await call('POST', '/admin/v1/users', master, { id: 'ada', name: 'Ada', role: 'admin', teams: ['care'] });
    adaKey = (
      (await (
        await call('POST', '/admin/v1/keys', master, { name: 'ada', metadata: { user: 'ada' } })
      ).json()) as { key: string }
    ).key;
    appKey = (
      (await (
        await call('POST', '/admin/v1/keys', master, { name: 'app', metadata: { team: 'care' } })
      ).json()) as { key: string }
    ).key;
    requestIds.ada = await ask(adaKey, undefined, `ada asks about ${planted}`);
    requestIds.endUser = await ask(appKey, 'patient-42', `patient asks about ${planted}`);
    requestIds.other = await ask(appKey, 'patient-7', 'another patient asks about the weather');
    await call('POST', '/admin/v1/knowledge', master, { name: 'notes' });
    const upload = await call('POST', '/admin/v1/knowledge/notes/documents', adaKey, {
      documents: [{ id: 'ada-notes', text: `Ada wrote about ${planted}.` }],
    });
    assert.equal(upload.status, 200);
    // A file uploaded as the body is ingested in the background; it too records who uploaded it.
    const file = await fetch(`${gateway.url}/admin/v1/knowledge/notes/documents?filename=ada-file.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adaKey}`, 'content-type': 'text/plain' },
      body: `Ada's file about ${planted}.`,
    });
    assert.equal(file.status, 202);
    const job = (await file.json()) as { id: string };
    for (let polls = 0; polls < 100; polls++) {
      const progress = await call('GET', `/admin/v1/knowledge/notes/ingestions/${job.id}`, adaKey);
      if (((await progress.json()) as { status: string }).status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await call('POST', '/admin/v1/knowledge/notes/documents', master, {
      documents: [{ id: 'handbook', text: 'The handbook stays.' }],
    });
    await gateway.stack.flush();
  });
  after(async () => {
    await upstream?.close();
    await gateway?.close();
  });

  const totalSpend = async () => {
    const response = await call('GET', '/admin/v1/spend?group_by=team', gateway.masterKey);
    const groups = ((await response.json()) as { data: Array<{ cost_usd: number; requests: number }> }).data;
    return groups.reduce(
      (sum, group) => ({ cost: sum.cost + group.cost_usd, requests: sum.requests + group.requests }),
      {
        cost: 0,
        requests: 0,
      },
    );
  };

  it('erasing a user deletes their logs, traces, keys, uploads, cache and account; their spend stays', async () => {
    const spendBefore = await totalSpend();
    assert.ok(await gateway.stack.traces.byRequest(requestIds.ada ?? ''), 'the call was traced');
    const response = await call('POST', '/admin/v1/erasures', gateway.masterKey, { user: 'ada' });
    assert.equal(response.status, 200);
    const report = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(report, {
      object: 'erasure',
      subject: 'ada',
      directory_user: true,
      request_log_rows: 1,
      traces: 1,
      ledger_rows_anonymised: 1,
      keys_revoked: 1,
      knowledge_documents: [
        { kb: 'notes', id: 'ada-file.txt' },
        { kb: 'notes', id: 'ada-notes' },
      ],
      cache_entries: 3,
    });
    assert.equal(await gateway.stack.traces.byRequest(requestIds.ada ?? ''), undefined);
    assert.equal((await call('GET', `/admin/v1/requests/${requestIds.ada}`, gateway.masterKey)).status, 404);
    const [money] = await gateway.ledgerOf(requestIds.ada ?? '');
    assert.ok(money && money.costUsd !== null && money.costUsd > 0, 'the ledger row keeps its cost');
    assert.equal(money?.user, null);
    assert.deepEqual(await totalSpend(), spendBefore);
    assert.equal((await call('GET', '/v1/key', adaKey)).status, 401, "the user's key is revoked");
    assert.equal(await gateway.stack.access.directory.getUser('ada'), undefined);
    const documents = (await (
      await call('GET', '/admin/v1/knowledge/notes/documents', gateway.masterKey)
    ).json()) as {
      data: Array<{ id: string }>;
    };
    assert.deepEqual(
      documents.data.map((document) => document.id),
      ['handbook'],
    );
  });

  it('erasing an end-user id touches only that end-user, and the report is audited without content', async () => {
    const response = await call('POST', '/admin/v1/erasures', gateway.masterKey, { user: 'patient-42' });
    const report = (await response.json()) as {
      request_log_rows: number;
      traces: number;
      directory_user: boolean;
    };
    assert.equal(report.directory_user, false);
    assert.equal(report.request_log_rows, 1);
    assert.equal(report.traces, 1);
    assert.equal(await gateway.stack.traces.byRequest(requestIds.endUser ?? ''), undefined);
    assert.ok(await gateway.stack.traces.byRequest(requestIds.other ?? ''), "another end-user's trace stays");
    const [kept] = await gateway.ledgerOf(requestIds.other ?? '');
    assert.equal(kept?.user, 'patient-7');
    // Nothing the store still serves holds the planted text.
    for (const id of Object.values(requestIds)) {
      const detail = await call('GET', `/admin/v1/requests/${id}`, gateway.masterKey);
      assert.ok(!(await detail.text()).includes(planted));
    }
    const audit = await (await call('GET', '/admin/v1/audit?action=erasure', gateway.masterKey)).text();
    assert.match(audit, /"target":"patient-42"/);
    assert.ok(!audit.includes(planted));
  });

  it('only the owner may erase: an admin is refused', async () => {
    await call('POST', '/admin/v1/users', gateway.masterKey, {
      id: 'root-admin',
      name: 'Admin',
      role: 'admin',
    });
    const created = await call('POST', '/admin/v1/keys', gateway.masterKey, {
      name: 'admin',
      metadata: { user: 'root-admin' },
    });
    const key = ((await created.json()) as { key: string }).key;
    assert.equal((await call('POST', '/admin/v1/erasures', key, { user: 'patient-7' })).status, 403);
  });
});
