import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

type Pair = Awaited<ReturnType<typeof generateKeyPair>>;

const issuer = 'https://login.example.test';
const audience = 'strata-dashboard';

/** A loopback identity provider's JWKS endpoint that counts its fetches and can rotate its keys. */
async function startJwks() {
  let keys: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    publish: (next: JWK[]) => {
      keys = next;
    },
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function publicJwk(pair: Pair, kid: string): Promise<JWK> {
  return { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
}

/** Signs a token as the provider would; `claims` override the defaults. */
function sign(
  pair: Pair,
  kid: string,
  claims: Record<string, unknown>,
  options: { expiresIn?: string | number } = {},
) {
  return new SignJWT({ email: 'ada@example.com', name: 'Ada', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setAudience((claims.aud as string | undefined) ?? audience)
    .setSubject((claims.sub as string | undefined) ?? 'ada')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(pair.privateKey);
}

describe('SSO: bearer JWTs verified against a rotating loopback JWKS, mapped to users, teams and roles', () => {
  let jwks: Awaited<ReturnType<typeof startJwks>>;
  let gateway: TestGateway;
  let first: Pair;
  let second: Pair;
  let stranger: Pair;

  before(async () => {
    [first, second, stranger] = await Promise.all([
      generateKeyPair('RS256'),
      generateKeyPair('RS256'),
      generateKeyPair('RS256'),
    ]);
    jwks = await startJwks();
    jwks.publish([await publicJwk(first, 'k1')]);
    gateway = await startGateway({
      knowledge: { ingest_project_docs: false },
      sso: {
        issuer,
        audience,
        jwks_url: jwks.url,
        groups_claim: 'groups',
        roles: { 'strata-admins': 'admin', finance: 'billing', engineers: 'member' },
        teams: { 'search-eng': 'search' },
        jwks_cooldown_seconds: 0.5,
      },
    });
    await gateway.stack.keys.create({ name: 'search-app', metadata: { team: 'search' } });
    await gateway.stack.keys.create({ name: 'ads-app', metadata: { team: 'ads' } });
  });
  after(async () => {
    await gateway?.close();
    await jwks?.close();
  });

  const get = (path: string, token: string) =>
    fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  test('an admin signs in, is created with the mapped role, and uses the admin API by that role', async () => {
    const token = await sign(first, 'k1', { sub: 'ada', groups: ['strata-admins'] });
    const keys = await get('/admin/v1/keys', token);
    assert.equal(keys.status, 200);
    const me = (await (await get('/v1/key', token)).json()) as { role: string; name: string };
    assert.equal(me.role, 'admin');
    assert.equal(me.name, 'ada@example.com');
    const user = await gateway.stack.access.directory.findBySubject(`${issuer}|ada`);
    assert.equal(user?.role, 'admin');
    assert.equal((await get('/admin/v1/users', token)).status, 200);
  });

  test('billing sees spend only; a member sees only the teams their groups map to', async () => {
    const billing = await sign(first, 'k1', { sub: 'bo', groups: 'finance' });
    assert.equal((await get('/admin/v1/spend', billing)).status, 200);
    assert.equal((await get('/admin/v1/keys', billing)).status, 403);
    const member = await sign(first, 'k1', { sub: 'cy', groups: ['engineers', 'search-eng'] });
    const listed = (await (await get('/admin/v1/keys', member)).json()) as { data: Array<{ name: string }> };
    assert.deepEqual(
      listed.data.map((key) => key.name),
      ['search-app'],
    );
  });

  test('the provider stays the source of truth: a changed group changes the role at the next sign-in', async () => {
    const before = await sign(first, 'k1', { sub: 'di', groups: ['strata-admins'] });
    assert.equal((await get('/admin/v1/keys', before)).status, 200);
    const after = await sign(first, 'k1', { sub: 'di', groups: ['finance'], jti: 'later' });
    assert.equal((await get('/admin/v1/keys', after)).status, 403);
    assert.equal((await gateway.stack.access.directory.findBySubject(`${issuer}|di`))?.role, 'billing');
  });

  test('expired tokens, wrong audiences, foreign signatures and groupless users are refused, naming why', async () => {
    const cases: Array<[string, Promise<string>, number, RegExp]> = [
      [
        'expired',
        sign(first, 'k1', { groups: ['strata-admins'] }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
        401,
        /expired/,
      ],
      [
        'wrong audience',
        sign(first, 'k1', { groups: ['strata-admins'], aud: 'another-app' }),
        401,
        /`aud` claim/,
      ],
      ['forged with a known kid', sign(stranger, 'k1', { groups: ['strata-admins'] }), 401, /signature/],
      ['no mapped group', sign(first, 'k1', { sub: 'eve', groups: ['visitors'] }), 403, /grants a role/],
    ];
    for (const [name, pending, status, message] of cases) {
      const token = await pending;
      const response = await get('/admin/v1/keys', token);
      const body = (await response.json()) as { error: { message: string; code: string } };
      assert.equal(response.status, status, name);
      assert.match(body.error.message, message, name);
      assert.ok(!body.error.message.includes(token.split('.')[2] ?? ''), 'the error never echoes the token');
    }
  });

  test('rotated keys: an unknown kid refetches the set once; more unknown kids within the cooldown do not', async () => {
    jwks.publish([await publicJwk(first, 'k1'), await publicJwk(second, 'k2')]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const fetchesBefore = jwks.fetches();
    const rotated = await sign(second, 'k2', { sub: 'fay', groups: ['strata-admins'] });
    assert.equal((await get('/admin/v1/keys', rotated)).status, 200);
    assert.equal(jwks.fetches(), fetchesBefore + 1);
    for (const kid of ['k3', 'k4', 'k5']) {
      const unknown = await sign(stranger, kid, { sub: 'fay', groups: ['strata-admins'] });
      const response = await get('/admin/v1/keys', unknown);
      assert.equal(response.status, 401);
    }
    assert.equal(
      jwks.fetches(),
      fetchesBefore + 1,
      'forged kids cannot make the gateway hammer the provider',
    );
    // The provider retires k1 and adds k7: a k7 token refetches the set, after which k1 tokens fail.
    jwks.publish([await publicJwk(second, 'k2'), await publicJwk(stranger, 'k7')]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const added = await sign(stranger, 'k7', { sub: 'fay', groups: ['strata-admins'], jti: 'added' });
    assert.equal((await get('/admin/v1/keys', added)).status, 200);
    const retired = await sign(first, 'k1', { sub: 'fay', groups: ['strata-admins'], jti: 'retired' });
    assert.equal((await get('/admin/v1/keys', retired)).status, 401);
  });

  test('a disabled user is refused even with a valid token', async () => {
    const user = await gateway.stack.access.directory.findBySubject(`${issuer}|ada`);
    assert.ok(user);
    await gateway.stack.access.directory.updateUser(user.id, { disabled: true }, 'owner');
    const token = await sign(stranger, 'k7', { sub: 'ada', groups: ['strata-admins'], jti: 'after-disable' });
    assert.equal((await get('/admin/v1/keys', token)).status, 403);
  });
});
