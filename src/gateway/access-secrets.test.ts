import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { sql } from 'kysely';
import { openDatabase } from '../store/database.js';
import { startGateway } from './testing/start-gateway.js';

test('no key, SSO token or master key appears in a log line, a stored row or an error message', async (t) => {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  const jwks = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
  const issuer = 'https://login.example.test';
  const lines: string[] = [];
  const gateway = await startGateway(
    {
      knowledge: { ingest_project_docs: false },
      observability: { logs: 'json', traces: true, capture_content: true },
      sso: {
        issuer,
        audience: 'strata',
        jwks_url: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        roles: { admins: 'admin' },
      },
    },
    { stackDeps: { writeLog: (text) => lines.push(text) } },
  );
  t.after(() => gateway.close());
  const sign = (claims: Record<string, unknown>, expires: string | number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('strata')
      .setSubject('sam')
      .setExpirationTime(expires)
      .sign(pair.privateKey);
  const token = await sign({ groups: ['admins'], email: 'sam@example.com' }, '5m');
  const expired = await sign({ groups: ['admins'] }, Math.floor(Date.now() / 1000) - 600);
  const call = (method: string, path: string, secret: string, body?: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  const bodies: string[] = [];
  const record = async (response: Promise<Response>) => bodies.push(await (await response).text());
  await record(call('POST', '/admin/v1/teams', gateway.masterKey, { id: 'ops' }));
  await record(call('GET', '/admin/v1/keys', token));
  const created = await call('POST', '/admin/v1/keys', token, {
    name: 'ops-app',
    metadata: { team: 'ops', expires_at: new Date(Date.now() + 3_600_000).toISOString() },
  });
  const secret = ((await created.json()) as { key: string }).key;
  await record(call('GET', '/v1/key', secret));
  await record(call('GET', '/admin/v1/keys', secret));
  await record(call('GET', '/admin/v1/keys', expired));
  await record(call('GET', '/admin/v1/keys', `${secret}x`));
  await record(call('POST', '/admin/v1/erasures', token, { user: 'nobody' }));
  await record(call('GET', '/admin/v1/audit', token));
  await gateway.stack.flush();

  const secrets = { key: secret, master: gateway.masterKey, token, expired };
  // Every row of every table of the gateway's SQLite store, as text.
  const store = await openDatabase({ home: gateway.stack.config.store.home });
  t.after(() => store.close());
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
    store.db,
  );
  const rows: string[] = [];
  for (const { name } of tables.rows) {
    const all = await sql`select * from ${sql.table(name)}`.execute(store.db);
    rows.push(JSON.stringify(all.rows));
  }
  assert.ok(rows.join('').includes('ops-app'), 'the dump holds the stored rows');
  assert.ok(lines.length > 5, 'requests were logged');
  for (const [name, value] of Object.entries(secrets)) {
    assert.ok(!lines.join('\n').includes(value), `a log line holds the ${name}`);
    assert.ok(!rows.join('\n').includes(value), `a stored row holds the ${name}`);
    assert.ok(!bodies.join('\n').includes(value), `a response body holds the ${name}`);
  }
});
