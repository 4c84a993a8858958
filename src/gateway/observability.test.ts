import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { durationBuckets, tokenBuckets } from '../observability/metrics.js';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../observability/testing/otlp-receiver.js';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** The fields of the query API's answers this test reads. */
interface ApiBody {
  data: Array<{ id: string; requests: number; group: string | null; input_tokens: number }>;
  has_more: boolean;
  next_cursor: string | null;
  session_id: string | null;
  attempts: unknown[];
  spans: Array<{ name: string }>;
  requests: Array<{ id: string }>;
}

const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
const callerSpan = '00f067aa0ba902b7';

describe('observability: traces exported over OTLP, metrics and the query API', () => {
  let upstream: CueUpstream;
  let receiver: OtlpReceiver;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    receiver = await startOtlpReceiver();
    const plain = { retries: { max: 0 }, breaker: { enabled: false } };
    gateway = await startGateway(
      {
        providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
        routes: {
          backup: { fallback: ['local/broken', 'local/good'], ...plain },
          captured: { fallback: ['local/good'], capture_content: true, ...plain },
          tiered: {
            cascade: [
              { use: 'local/cheap', verifiers: [{ type: 'contains', values: ['good'] }] },
              { use: 'local/strong' },
            ],
            ...plain,
          },
        },
        observability: { metrics_token: 'scrape-token-0123456789' },
      },
      {
        environment: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      },
    );
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await receiver.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  /** The spans exported for one response's trace, once everything queued has been sent. */
  async function exported(response: Response): Promise<ReceivedSpan[]> {
    await gateway.stack.flush();
    const traceId = response.headers.get('x-strata-trace-id');
    assert.ok(traceId, 'the response names its trace');
    return receiver.spans.filter((span) => span.traceId === traceId);
  }

  const rootOf = (spans: ReceivedSpan[]) => {
    const ids = new Set(spans.map((span) => span.spanId));
    const roots = spans.filter((span) => !ids.has(span.parentSpanId));
    assert.equal(roots.length, 1, 'one root span');
    return roots[0] as ReceivedSpan;
  };
  const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) =>
    spans.filter((span) => span.parentSpanId === parent.spanId);

  test('a plain call continues the caller trace: a server span, stage spans and a client span with GenAI attributes', async () => {
    const { response } = await client.chat.completions
      .create(
        {
          model: 'local/plain',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 50,
          temperature: 0.2,
        },
        {
          headers: {
            traceparent: `00-${callerTrace}-${callerSpan}-01`,
            'x-strata-session-id': 'conversation-1',
          },
        },
      )
      .withResponse();
    assert.equal(response.headers.get('x-strata-trace-id'), callerTrace);
    const spans = await exported(response);
    const root = rootOf(spans);
    assert.equal(root.parentSpanId, callerSpan, 'the root span nests under the caller');
    assert.equal(root.name, 'chat local/plain');
    assert.equal(root.kind, 2, 'SERVER');
    assert.equal(root.serviceName, 'strata');
    assert.equal(root.attributes['gen_ai.operation.name'], 'chat');
    assert.equal(root.attributes['gen_ai.request.model'], 'local/plain');
    assert.equal(root.attributes['gen_ai.response.model'], 'plain');
    assert.equal(root.attributes['gen_ai.request.max_tokens'], 50);
    assert.equal(root.attributes['gen_ai.request.temperature'], 0.2);
    assert.deepEqual(root.attributes['gen_ai.response.finish_reasons'], ['stop']);
    assert.equal(root.attributes['gen_ai.usage.input_tokens'], 10);
    assert.equal(root.attributes['gen_ai.usage.output_tokens'], 5);
    assert.equal(root.attributes['session.id'], 'conversation-1');
    assert.equal(root.attributes['strata.key.id'], 'master');
    const children = childrenOf(spans, root);
    const names = children.map((span) => span.name);
    assert.ok(names.includes('strata.budget.reserve'), names.join());
    assert.ok(names.includes('strata.retrieval'), names.join());
    const attempt = children.find((span) => span.name === 'chat plain');
    assert.ok(attempt, names.join());
    assert.equal(attempt.kind, 3, 'CLIENT');
    assert.equal(attempt.attributes['gen_ai.provider.name'], 'local');
    assert.equal(attempt.attributes['strata.attempt.purpose'], 'primary');
    assert.equal(attempt.attributes['gen_ai.usage.output_tokens'], 5);
  });

  test('a stream gets the same tree, with its usage', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'local/plain',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    for await (const _chunk of stream) {
      // drain
    }
    const spans = await exported(response);
    const root = rootOf(spans);
    assert.equal(root.parentSpanId, '', 'a call without traceparent starts its own trace');
    assert.equal(root.attributes['strata.stream'], true);
    assert.equal(root.attributes['gen_ai.usage.output_tokens'], 5);
    assert.ok(childrenOf(spans, root).some((span) => span.name === 'chat plain'));
  });

  test('a fallback shows the failed attempt and the one that answered', async () => {
    upstream.cue('broken', { status: 500 });
    const { response } = await client.chat.completions
      .create({ model: 'backup', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const spans = await exported(response);
    const root = rootOf(spans);
    assert.equal(root.attributes['strata.route.name'], 'backup');
    assert.equal(root.attributes['strata.route.plan'], 'fallback');
    const attempts = childrenOf(spans, root).filter((span) => span.kind === 3);
    assert.deepEqual(
      attempts.map((span) => [span.name, span.attributes['strata.attempt.purpose'], span.status.code ?? 0]),
      [
        ['chat broken', 'primary', 2],
        ['chat good', 'fallback', 1],
      ],
    );
    assert.equal(attempts[0]?.attributes['error.type'], 'upstream_error');
  });

  test('an escalated cascade shows both tiers and the failing verdict', async () => {
    upstream.cue('cheap', { text: 'a poor answer' });
    const { response } = await client.chat.completions
      .create({ model: 'tiered', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const spans = await exported(response);
    const root = rootOf(spans);
    const children = childrenOf(spans, root);
    assert.deepEqual(
      children.filter((span) => span.kind === 3).map((span) => span.attributes['strata.attempt.purpose']),
      ['primary', 'escalation'],
    );
    const verdict = children.find((span) => span.name === 'strata.verify contains');
    assert.equal(verdict?.attributes['strata.verdict.pass'], false);
    assert.ok(Array.isArray(root.attributes['strata.route.escalations']));
  });

  test('content is kept only where asked: a route with capture_content, never by default', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'captured', messages: [{ role: 'user', content: 'keep this prompt' }] })
      .withResponse();
    const root = rootOf(await exported(response));
    assert.match(String(root.attributes['gen_ai.input.messages']), /keep this prompt/);
    assert.equal(root.attributes['gen_ai.output.messages'], 'answer from good');
    const plainCall = await client.chat.completions
      .create({ model: 'local/plain', messages: [{ role: 'user', content: 'do not keep this' }] })
      .withResponse();
    const plainRoot = rootOf(await exported(plainCall.response));
    assert.equal(plainRoot.attributes['gen_ai.input.messages'], undefined);
  });

  test('GET /metrics: the GenAI histograms with the spec buckets, request counters, and scrape auth', async () => {
    await client.chat.completions.create({
      model: 'local/plain',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal((await fetch(`${gateway.url}/metrics`)).status, 401);
    const scraped = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-token-0123456789' },
    });
    assert.equal(scraped.status, 200);
    assert.match(scraped.headers.get('content-type') ?? '', /text\/plain/);
    const text = await scraped.text();
    const master = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(master.status, 200);
    const bounds = (metric: string) => [
      ...new Set(
        [...text.matchAll(new RegExp(`^${metric}_bucket\\{[^}]*le="([^"]+)"`, 'gm'))].map(
          (match) => match[1],
        ),
      ),
    ];
    assert.deepEqual(bounds('gen_ai_client_operation_duration_seconds'), [
      ...durationBuckets.map(String),
      '+Inf',
    ]);
    assert.deepEqual(bounds('gen_ai_client_token_usage'), [...tokenBuckets.map(String), '+Inf']);
    assert.match(
      text,
      /^gen_ai_client_token_usage_count\{gen_ai_operation_name="chat",gen_ai_provider_name="local",gen_ai_request_model="local\/plain",gen_ai_response_model="plain",gen_ai_token_type="output"\} \d+$/m,
    );
    assert.match(
      text,
      /^strata_requests_total\{status="200",model="local\/plain",provider="local",route="",key="master"\} \d+$/m,
    );
    assert.match(
      text,
      /^strata_attempts_total\{purpose="fallback",provider="local",model="good",outcome="ok"\} 1$/m,
    );
    assert.match(
      text,
      /^strata_attempts_total\{purpose="escalation",provider="local",model="strong",outcome="ok"\} 1$/m,
    );
    assert.match(text, /^process_cpu_seconds_total \d/m);
  });

  test('the query API filters, pages, explains one request and groups sessions and stats', async () => {
    const session = 'conversation-2';
    const asked: string[] = [];
    for (let turn = 0; turn < 3; turn += 1) {
      const { response } = await client.chat.completions
        .create({
          model: 'local/paged',
          messages: [{ role: 'user', content: `turn ${turn}` }],
          metadata: { session_id: session },
        })
        .withResponse();
      asked.push(response.headers.get('x-request-id') ?? '');
    }
    await gateway.stack.flush();
    const get = async (path: string) => {
      const response = await fetch(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${gateway.masterKey}` },
      });
      return { status: response.status, body: (await response.json()) as ApiBody };
    };
    const first = await get('/admin/v1/requests?model=local/paged&limit=2');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.data.map((row) => row.id),
      [asked[2], asked[1]],
    );
    assert.equal(first.body.has_more, true);
    const second = await get(`/admin/v1/requests?model=local/paged&limit=2&cursor=${first.body.next_cursor}`);
    assert.deepEqual(
      second.body.data.map((row) => row.id),
      [asked[0]],
    );
    assert.equal(second.body.has_more, false);
    assert.equal((await get('/admin/v1/requests?status=error&model=local/paged')).body.data.length, 0);
    assert.equal((await get(`/admin/v1/requests?session=${session}`)).body.data.length, 3);
    assert.equal((await get('/admin/v1/requests?cursor=nonsense')).status, 400);

    const detail = await get(`/admin/v1/requests/${asked[0]}`);
    assert.equal(detail.body.session_id, session);
    assert.equal(detail.body.attempts.length, 1);
    assert.ok(detail.body.spans.some((span) => span.name === 'chat local/paged'));
    assert.equal((await get('/admin/v1/requests/req_missing')).status, 404);

    const sessions = await get('/admin/v1/sessions');
    assert.ok(
      sessions.body.data.some(
        (row: { id: string; requests: number }) => row.id === session && row.requests === 3,
      ),
    );
    const thread = await get(`/admin/v1/sessions/${session}`);
    assert.deepEqual(
      thread.body.requests.map((row) => row.id),
      asked,
    );

    const stats = await get('/admin/v1/stats?bucket=minute&group_by=model&model=local/paged');
    assert.equal(stats.status, 200);
    const total = stats.body.data.reduce(
      (sum: number, point: { requests: number }) => sum + point.requests,
      0,
    );
    assert.equal(total, 3);
    assert.equal(stats.body.data[0]?.group, 'local/paged');
    assert.equal((stats.body.data[0]?.input_tokens ?? 0) > 0, true);
    assert.equal((await get('/admin/v1/stats?bucket=week')).status, 400);

    const openapi = await fetch(`${gateway.url}/admin/v1/openapi.json`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    const document = (await openapi.json()) as {
      openapi: string;
      paths: Record<string, { get: { parameters: Array<{ name: string; in: string }> } }>;
    };
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/admin/v1/requests',
      '/admin/v1/requests/{id}',
      '/admin/v1/sessions',
      '/admin/v1/sessions/{id}',
      '/admin/v1/stats',
    ]);
    const names = document.paths['/admin/v1/requests']?.get.parameters.map((parameter) => parameter.name);
    for (const name of ['from', 'to', 'model', 'team', 'status', 'session', 'cursor', 'limit'])
      assert.ok(names?.includes(name), `the list documents ${name}`);
  });
});
