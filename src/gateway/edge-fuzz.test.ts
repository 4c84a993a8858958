import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { eachDialect } from '../store/testing/each-dialect.js';
import { assertErrorShape } from './testing/error-shape.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/**
 * Property: whatever a client sends to any public or admin route — deep nesting, huge or odd numbers,
 * NUL, control and unicode characters, wrong types, missing or unknown fields, random JSON or bytes, bad
 * headers — the gateway answers below 500, every error is the one error shape, and every response
 * carries an `x-request-id`. `FUZZ_RUNS` and `FUZZ_SEED` widen a run (scripts/fuzz.mjs).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 150);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_101);

/** Text that replaces a placeholder string after JSON.stringify, for JSON no JavaScript value produces. */
const rawTokens: Record<string, string> = {
  '"@@deep-array@@"': `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  '"@@deep-object@@"': `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '"@@just-too-deep@@"': `${'['.repeat(129)}${']'.repeat(129)}`,
  '"@@number-1e400@@"': '1e400',
  '"@@number-long@@"': `1${'0'.repeat(400)}`,
  '"@@negative-zero@@"': '-0',
  '"@@duplicate-keys@@"': '{"a":1,"a":"x"}',
};

const oddStrings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m',
    '\r\n',
    '\ud800',
    '\udfff\ud800',
    '\u202e',
    '😀',
    'é',
    '../../etc/passwd',
    '%00',
    '__proto__',
    'constructor',
    'fake/m',
    'docs',
    'x'.repeat(5_000),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
);

const oddNumbers = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, 1e13, 1e300, -1e300, 2 ** 53 + 2, -(2 ** 63), 5e-324, 0.000001),
  fc.integer(),
  fc.double(),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddStrings,
  oddNumbers,
  fc.constantFrom(null, true, false, [], {}, ...Object.keys(rawTokens).map((token) => token.slice(1, -1))),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(oddStrings, { maxLength: 3 }),
  fc.dictionary(oddStrings, oddStrings, { maxKeys: 3 }),
);

type Body = Record<string, unknown>;
const chat = (model: string): Body => ({ model, messages: [{ role: 'user', content: 'hi' }] });

/** A route as the fuzz drives it: its method, how to fill its path, and a well-formed body to start from. */
interface FuzzRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Body>;
}

const segment = fc.oneof(
  fc.constantFrom(
    'docs',
    'fuzz',
    'm',
    'fake/m',
    '%00',
    '%zz',
    '%ff%fe',
    '%2F',
    '..',
    'a%0Ab',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 20 }).map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?'))),
);
const query = fc.dictionary(
  fc.constantFrom(
    'group_by',
    'from',
    'to',
    'key_id',
    'model',
    'filename',
    'extra',
    'limit',
    'before',
    'team',
  ),
  fc.oneof(fc.constantFrom('model', 'day', '2026-01-01', '9999-99-99', '%00', ''), segment),
  { maxKeys: 3 },
);
const withQuery = (path: string) =>
  query.map((pairs) => {
    const search = Object.entries(pairs)
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    return search ? `${path}?${search}` : path;
  });

const routes: FuzzRoute[] = [
  {
    method: 'POST',
    path: fc.constant('/v1/chat/completions'),
    body: fc.constantFrom(
      chat('fake/m'),
      { ...chat('fake/m'), stream: true },
      {
        ...chat('fake/m'),
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      },
      {
        ...chat('fake/m'),
        response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' } } },
      },
      { ...chat('fake/m'), max_tokens: 5, metadata: { team: 't', tags: 'a,b' }, user: 'u' },
      { model: 'fake/m', prompt: { name: 'fuzz', label: 'production', variables: { x: 'y' } } },
    ),
  },
  {
    method: 'POST',
    path: fc.constant('/v1/completions'),
    body: fc.constant({ model: 'fake/m', prompt: 'hi', max_tokens: 5 }),
  },
  {
    method: 'POST',
    path: fc.constant('/v1/embeddings'),
    body: fc.constantFrom(
      { model: 'fake/m', input: 'hi' },
      { model: 'fake/m', input: ['a', 'b'] },
      { model: 'fake/m', input: [[1, 2]] },
    ),
  },
  {
    method: 'POST',
    path: fc.constant('/v1/messages'),
    body: fc.constantFrom(
      { ...chat('fake/m'), max_tokens: 5 },
      {
        ...chat('fake/m'),
        max_tokens: 5,
        stream: true,
        tools: [{ name: 'f', input_schema: { type: 'object' } }],
      },
    ),
  },
  { method: 'POST', path: fc.constant('/v1/messages/count_tokens'), body: fc.constant(chat('fake/m')) },
  { method: 'GET', path: fc.constant('/v1/models') },
  { method: 'GET', path: segment.map((id) => `/v1/models/${id}`) },
  { method: 'GET', path: fc.constant('/v1/knowledge') },
  { method: 'GET', path: fc.constant('/v1/key') },
  {
    method: 'POST',
    path: segment.map((kb) => `/v1/knowledge/${kb}/search`),
    body: fc.constant({ query: 'guide', top_k: 3, filter: { lang: 'en' } }),
  },
  {
    method: 'POST',
    path: segment.map((kb) => `/v1/knowledge/${kb}/answer`),
    body: fc.constant({ question: 'what is the guide?' }),
  },
  { method: 'GET', path: fc.constantFrom('/healthz', '/readyz', '/', '/v2/unknown', '/admin/v1/nothing') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/keys'),
    body: fc.constant({ name: 'k', metadata: { team: 't', knowledge: 'docs' } }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/keys') },
  { method: 'DELETE', path: segment.map((id) => `/admin/v1/keys/${id}`) },
  { method: 'GET', path: withQuery('/admin/v1/spend') },
  { method: 'GET', path: withQuery('/admin/v1/requests') },
  { method: 'GET', path: segment.map((id) => `/admin/v1/requests/${id}`) },
  { method: 'GET', path: withQuery('/admin/v1/sessions') },
  { method: 'GET', path: segment.map((id) => `/admin/v1/sessions/${id}`) },
  { method: 'GET', path: withQuery('/admin/v1/stats') },
  { method: 'GET', path: withQuery('/admin/v1/alerts') },
  { method: 'GET', path: fc.constant('/admin/v1/routes') },
  { method: 'GET', path: fc.constant('/admin/v1/guardrails') },
  { method: 'GET', path: segment.chain((name) => withQuery(`/admin/v1/routes/${name}/outcomes`)) },
  { method: 'GET', path: fc.constant('/admin/v1/bench/routing') },
  { method: 'GET', path: fc.constant('/admin/v1/settings') },
  { method: 'GET', path: fc.constant('/admin/v1/providers') },
  {
    method: 'POST',
    path: fc.constant('/v1/outcomes'),
    body: fc.constantFrom(
      { id: 'o1', name: 'resolved', success: true, value_usd: 3, request_id: 'req_x', metadata: { a: 1 } },
      {
        outcomes: [
          { name: 'resolved', success: false, session_id: 's1', occurred_at: '2026-12-01T00:00:00Z' },
        ],
      },
    ),
  },
  {
    method: 'POST',
    path: fc.constant('/v1/outcomes/webhook'),
    body: fc.constant({ name: 'resolved', success: true, correlation_id: 'c1' }),
  },
  { method: 'GET', path: withQuery('/admin/v1/value') },
  { method: 'GET', path: withQuery('/admin/v1/value/savings') },
  { method: 'GET', path: withQuery('/admin/v1/value/report') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/value/simulate'),
    body: fc.constant({
      daily_volume: 10,
      tokens: { input: 100, output: 50 },
      candidates: [{ model: 'fake/m', success_rate: 0.5 }],
      value_per_success_usd: 2,
      human_cost_per_task_usd: 1,
    }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/experiments') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/experiments'),
    body: fc.constant({
      id: 'fuzz',
      target: 'fake/m',
      horizon: 50,
      variants: [{ name: 'a' }, { name: 'b' }],
      start: true,
    }),
  },
  { method: 'GET', path: withQuery('/admin/v1/experiments/sample-size') },
  { method: 'GET', path: segment.map((id) => `/admin/v1/experiments/${id}`) },
  { method: 'POST', path: segment.map((id) => `/admin/v1/experiments/${id}/start`) },
  { method: 'POST', path: segment.map((id) => `/admin/v1/experiments/${id}/stop`) },
  { method: 'GET', path: fc.constant('/metrics') },
  { method: 'GET', path: fc.constant('/admin/v1/openapi.json') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/budgets'),
    body: fc.constantFrom(
      { scope: 'team', match: 'fuzz', period: 'daily', limit_usd: 1 },
      { scope: 'user', match: 'u', period: 'total', limit_usd: 5, mode: 'soft', unpriced: 'allow' },
    ),
  },
  { method: 'GET', path: fc.constant('/admin/v1/budgets') },
  {
    method: 'PATCH',
    path: segment.map((id) => `/admin/v1/budgets/${id}`),
    body: fc.constantFrom({ limit_usd: 2 }, { mode: 'soft', unpriced: 'refuse' }),
  },
  { method: 'DELETE', path: segment.map((id) => `/admin/v1/budgets/${id}`) },
  { method: 'GET', path: segment.map((name) => `/assets/${name}`) },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/knowledge'),
    body: fc.constant({ name: 'fuzz', description: 'd', chunk_tokens: 64, chunk_overlap: 8 }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/knowledge') },
  { method: 'GET', path: segment.map((kb) => `/admin/v1/knowledge/${kb}`) },
  { method: 'DELETE', path: segment.filter((kb) => kb !== 'docs').map((kb) => `/admin/v1/knowledge/${kb}`) },
  { method: 'GET', path: segment.map((kb) => `/admin/v1/knowledge/${kb}/documents`) },
  {
    method: 'POST',
    path: segment.chain((kb) => withQuery(`/admin/v1/knowledge/${kb}/documents`)),
    body: fc.constant({
      documents: [
        { id: 'guide.md', text: 'The guide says hello.', title: 'Guide', metadata: { lang: 'en' } },
      ],
    }),
  },
  {
    method: 'DELETE',
    path: segment.map((kb) => `/admin/v1/knowledge/${kb}/documents`),
    body: fc.constant({ ids: ['guide.md'] }),
  },
  {
    method: 'DELETE',
    path: fc.tuple(segment, segment).map(([kb, id]) => `/admin/v1/knowledge/${kb}/documents/${id}`),
  },
  {
    method: 'GET',
    path: fc.tuple(segment, segment).map(([kb, id]) => `/admin/v1/knowledge/${kb}/ingestions/${id}`),
  },
  {
    method: 'POST',
    path: fc.constant('/v1/scores'),
    body: fc.constantFrom(
      { request_id: 'req_x', name: 'helpful', type: 'thumbs', value: 'up' },
      { session_id: 's', name: 'quality', type: 'number', value: 0.5, comment: 'ok' },
      { request_id: 'req_x', name: 'topic', type: 'category', value: 'billing' },
    ),
  },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/datasets'),
    body: fc.constant({ name: 'fuzz', description: 'd' }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/datasets') },
  { method: 'GET', path: segment.chain((name) => withQuery(`/admin/v1/datasets/${name}`)) },
  { method: 'DELETE', path: segment.map((name) => `/admin/v1/datasets/${name}`) },
  {
    method: 'POST',
    path: segment.map((name) => `/admin/v1/datasets/${name}/items`),
    body: fc.constantFrom(
      { items: [{ id: 'a', input: 'hi', expected: 'hello', metadata: { vars: { x: 1 } } }] },
      { format: 'csv', content: 'input,expected\nhi,hello\n' },
      { from_traffic: { model: 'fake/m', limit: 5, score: { name: 'helpful', min: 1 } } },
    ),
  },
  {
    method: 'DELETE',
    path: segment.map((name) => `/admin/v1/datasets/${name}/items`),
    body: fc.constant({ ids: ['a'] }),
  },
  { method: 'GET', path: segment.chain((name) => withQuery(`/admin/v1/datasets/${name}/export`)) },
  { method: 'GET', path: withQuery('/admin/v1/evaluations') },
  { method: 'GET', path: segment.map((id) => `/admin/v1/evaluations/${id}`) },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/prompts'),
    body: fc.constant({
      name: 'fuzz',
      messages: [{ role: 'user', content: 'Say {{x}}' }],
      labels: ['production'],
    }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/prompts') },
  { method: 'GET', path: segment.map((name) => `/admin/v1/prompts/${name}`) },
  {
    method: 'PUT',
    path: fc.tuple(segment, segment).map(([name, label]) => `/admin/v1/prompts/${name}/labels/${label}`),
    body: fc.constant({ version: 1 }),
  },
  { method: 'GET', path: segment.chain((name) => withQuery(`/admin/v1/prompts/${name}/diff`)) },
  { method: 'GET', path: withQuery('/admin/v1/audit') },
  { method: 'GET', path: fc.constant('/admin/v1/audit/verify') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/erasures'),
    body: fc.constantFrom({ user: 'u' }, { user: 'patient-42' }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/roles') },
  { method: 'GET', path: fc.constant('/admin/v1/organisations') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/organisations'),
    body: fc.constantFrom({ id: 'acme', name: 'Acme' }, { id: 'brief', content_retention_days: 7 }),
  },
  {
    method: 'PATCH',
    path: segment.map((id) => `/admin/v1/organisations/${id}`),
    body: fc.constantFrom({ content_retention_days: 30 }, { content_retention_days: null }, { name: 'A' }),
  },
  { method: 'GET', path: fc.constant('/admin/v1/teams') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/teams'),
    body: fc.constantFrom({ id: 'search' }, { id: 'ads', name: 'Ads', organisation: 'acme' }),
  },
  { method: 'GET', path: withQuery('/admin/v1/users') },
  {
    method: 'POST',
    path: fc.constant('/admin/v1/users'),
    body: fc.constantFrom(
      { name: 'Ada', role: 'member', teams: ['search'], email: 'ada@example.com' },
      { id: 'svc', kind: 'service', name: 'bot', role: 'viewer', subject: 'issuer|bot' },
    ),
  },
  { method: 'GET', path: segment.map((id) => `/admin/v1/users/${id}`) },
  {
    method: 'PATCH',
    path: segment.map((id) => `/admin/v1/users/${id}`),
    body: fc.constantFrom({ role: 'billing' }, { teams: ['search'], disabled: true }, { email: null }),
  },
];

/** A well-formed body changed in one way: a field set to an odd value, a field removed, or nothing. */
function mutated(body: Body): fc.Arbitrary<Body> {
  const fields = [...Object.keys(body), 'unknown_field'];
  return fc.oneof(
    fc.constant(body),
    fc
      .tuple(fc.constantFrom(...fields, 'unknown_field'), oddValue)
      .map(([field, value]) => ({ ...body, [field]: value })),
    fc
      .constantFrom(...fields)
      .map((field) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== field))),
    // One level down, where schemas recurse: messages, tools, documents, metadata.
    fc.tuple(fc.constantFrom(...fields), oddValue).map(([field, value]) => ({ ...body, [field]: [value] })),
    fc
      .tuple(fc.constantFrom(...fields), oddStrings, oddValue)
      .map(([field, key, value]) => ({ ...body, [field]: { [key]: value } })),
  );
}

/** The raw text of a body: JSON (placeholders swapped for raw tokens), random JSON, random text, or none. */
const bodyText = (route: FuzzRoute): fc.Arbitrary<string | undefined> =>
  fc
    .oneof(
      { weight: 6, arbitrary: (route.body ?? fc.constant<Body>({})).chain(mutated).map(encode) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          '',
          '{',
          'null',
          '[]',
          '"@@deep-array@@"',
          '{"__proto__":{"x":1}}',
        ),
      },
    )
    .map((text) => (text === undefined ? text : encode(text)));

function encode(value: unknown): string {
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const [token, raw] of Object.entries(rawTokens)) text = text.replaceAll(token, raw);
  return text;
}

// Mostly well-formed framing, so most requests reach the routes' own validation.
const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/xml',
      'multipart/form-data',
      'multipart/form-data; boundary=zz',
      'application/octet-stream',
      'application/json; charset=latin1',
      '',
      ';;;',
    ),
  },
);
const credentials = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('master', 'virtual', 'x-api-key') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('none', 'Bearer sk-strata-nope', 'Basic Zm9vOmJhcg==', 'Bearer '),
  },
);
const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'x-strata-end-user',
    'x-filename',
    'anthropic-version',
    'accept',
    'content-encoding',
    'x-strata-route',
  ),
  fc.oneof(fc.constantFrom('gzip', 'text/event-stream', 'a\tb', 'é'), fc.string({ maxLength: 20 })),
  { maxKeys: 2 },
);

const requests = fc.constantFrom(...routes).chain((route) =>
  fc.record({
    method: fc.constant(route.method),
    path: route.path,
    body: route.method === 'GET' ? fc.constant(undefined) : bodyText(route),
    contentType: contentTypes,
    credential: credentials,
    headers: extraHeaders,
  }),
);

/** Status codes a request may get only from a healthy upstream, never from bad input. */
const isServerError = (status: number) => status >= 500;

eachDialect('the public and admin APIs under generated bad input', (context) => {
  describe('one gateway', () => {
    let upstream: FakeUpstream;
    let gateway: TestGateway;
    let virtualKey = '';

    before(async () => {
      upstream = await startFakeUpstream((recorded, response) => {
        if (recorded.path.endsWith('/embeddings')) {
          response.writeHead(200, { 'content-type': 'application/json' });
          return void response.end(readFixture('openai/embeddings.json'));
        }
        const stream = /"stream"\s*:\s*true/.test(recorded.body);
        response.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
        response.end(readFixture(stream ? 'openai/stream-content.sse' : 'openai/chat-completion.json'));
      });
      const environment: Record<string, string> =
        context.dialect === 'postgres' && context.location.url ? { DATABASE_URL: context.location.url } : {};
      gateway = await startGateway(
        {
          server: { body_limit_bytes: 1024 * 1024 },
          providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
          catalog: { models: [{ provider: 'fake', id: 'm', input: 1, output: 2 }] },
        },
        { environment },
      );
      await gateway.stack.knowledge.createBase({ name: 'docs' });
      await gateway.stack.knowledge.upsertDocument('docs', { id: 'guide.md', text: 'The guide says hello.' });
      virtualKey = (await gateway.stack.keys.create({ name: 'fuzz', metadata: { knowledge: 'docs' } })).key;
    });
    after(async () => {
      await gateway.close();
      await upstream.close();
    });

    test(`${runs} generated requests: no 5xx, one error shape, always a request id (seed ${seed})`, async (t) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requests, async (generated) => {
          const headers: Record<string, string> = { ...generated.headers };
          if (generated.contentType) headers['content-type'] = generated.contentType;
          const key = generated.credential === 'virtual' ? virtualKey : gateway.masterKey;
          if (generated.credential === 'master' || generated.credential === 'virtual') {
            headers.authorization = `Bearer ${key}`;
          } else if (generated.credential === 'x-api-key') {
            headers['x-api-key'] = gateway.masterKey;
          } else if (generated.credential !== 'none') {
            headers.authorization = generated.credential;
          }
          let response: Awaited<ReturnType<typeof request>>;
          try {
            response = await request(`${gateway.url}${generated.path}`, {
              method: generated.method,
              headers,
              ...(generated.body !== undefined && { body: generated.body }),
            });
          } catch (error) {
            // The client refused to send it (an invalid header or URL): nothing reached the gateway.
            if (
              error instanceof Error &&
              /invalid|header/i.test(`${error.message} ${(error as { code?: string }).code}`)
            )
              return;
            throw error;
          }
          const text = await response.body.text();
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const label = `${generated.method} ${generated.path.slice(0, 80)} → ${response.statusCode} ${text.slice(0, 200)}`;
          assert.ok(!isServerError(response.statusCode), label);
          const requestId = response.headers['x-request-id'];
          assert.match(String(requestId), /^req_/, label);
          if (response.statusCode >= 400) {
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              assert.fail(`not JSON: ${label}`);
            }
            assertErrorShape(generated.path, {
              status: response.statusCode,
              requestId: String(requestId),
              body,
            });
          }
        }),
        { numRuns: runs, seed, endOnFailure: runs > 1000 },
      );
      t.diagnostic(
        `statuses: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}`,
      );
      // Every row the requests left behind is storable: nothing poisons the request log or the ledger.
      await gateway.stack.flush();
    });
  });
});
