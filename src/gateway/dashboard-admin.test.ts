import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { saveBenchReport } from '../store/bench-reports.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** The admin routes the dashboard's Settings, Models, Routing and Overview pages read. */
describe('admin routes behind the dashboard', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;
  const get = async (path: string) => {
    const response = await fetch(`${gateway.url}${path}`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: {
        openai: {
          base_url: `${upstream.url}/v1`,
          api_key: 'sk-upstream-secret',
          headers: { 'x-org': 'acme' },
        },
        flaky: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-flaky-secret' },
      },
      catalog: { models: [{ provider: 'openai', id: 'gpt-4o-mini', input: 1, output: 2 }] },
      cache: { enabled: true },
      routes: {
        checked: {
          cascade: [
            { use: 'openai/gpt-4o-mini', verifiers: [{ type: 'regex', pattern: 'good' }] },
            { use: 'openai/gpt-4o' },
          ],
          retries: { max: 0 },
        },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('settings show the config as loaded with every secret masked, the version and the store kind', async () => {
    const { status, body } = await get('/admin/v1/settings');
    assert.equal(status, 200);
    assert.match(String(body.version), /^\d+\.\d+\.\d+/);
    assert.deepEqual(body.store, { kind: 'sqlite' });
    const config = body.config as { providers: Record<string, Record<string, unknown>> };
    assert.deepEqual(config.providers.openai, {
      base_url: `${upstream.url}/v1`,
      api_key: 'REDACTED',
      headers: { 'x-org': 'REDACTED' },
    });
    assert.doesNotMatch(JSON.stringify(body), /sk-upstream-secret|sk-flaky-secret|acme/);
    const refused = await fetch(`${gateway.url}/admin/v1/settings`, {
      headers: { authorization: 'Bearer sk-wrong' },
    });
    assert.equal(refused.status, 401);
  });

  test('providers are healthy, failing or idle by their last hour of calls', async () => {
    await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    upstream.cue('broken', { status: 500 }, { status: 500 });
    for (let index = 0; index < 2; index += 1)
      await assert.rejects(
        client.chat.completions.create({
          model: 'flaky/broken',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      );
    await gateway.stack.flush();
    const { status, body } = await get('/admin/v1/providers');
    assert.equal(status, 200);
    const byId = new Map(
      (body.data as Array<{ id: string; status: string; window: { requests: number } }>).map((p) => [
        p.id,
        p,
      ]),
    );
    assert.equal(byId.get('openai')?.status, 'healthy');
    assert.equal(byId.get('flaky')?.status, 'failing');
    assert.equal(byId.get('flaky')?.window.requests, 2);
    assert.equal(byId.get('local')?.status, 'idle');
  });

  test("a route's outcomes count its cascade escalations and verdicts", async () => {
    upstream.cue(
      'gpt-4o-mini',
      { text: 'a good answer' },
      { text: 'a poor answer' },
      { text: 'another poor one' },
    );
    for (const content of ['one', 'two', 'three'])
      await client.chat.completions.create({ model: 'checked', messages: [{ role: 'user', content }] });
    await gateway.stack.flush();
    const { status, body } = await get('/admin/v1/routes/checked/outcomes');
    assert.equal(status, 200);
    assert.deepEqual(
      { ...body, from: undefined },
      {
        object: 'route_outcomes',
        route: 'checked',
        from: undefined,
        to: null,
        truncated: false,
        calls: 3,
        cascade_calls: 3,
        escalated: 2,
        escalation_rate: 2 / 3,
        ended_at_tier: [
          { tier: 1, calls: 1 },
          { tier: 2, calls: 2 },
        ],
        verdicts: [
          { tier: 1, verifier: 'regex', verdicts: 3, passed: 1, pass_rate: 1 / 3, mean_score: 1 / 3 },
        ],
      },
    );
    assert.equal((await get('/admin/v1/routes/nothing/outcomes')).status, 404);
    assert.equal((await get('/admin/v1/routes/checked/outcomes?from=yesterday')).status, 400);
  });

  test('stats count cache hits and what they saved', async () => {
    const content = `What is ${randomBytes(6).toString('hex')}?`;
    const ask = () =>
      client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }] });
    await ask();
    await ask();
    await gateway.stack.flush();
    const { body } = await get('/admin/v1/stats?bucket=day&model=openai/gpt-4o-mini');
    const [point] = body.data as Array<{
      requests: number;
      cache_hits: number;
      cache_hit_rate: number;
      saved_usd: number;
    }>;
    // The earlier call of the providers test, then a miss and a hit: 10 input tokens at $1/M, 5 output at $2/M.
    assert.equal(point?.requests, 3);
    assert.equal(point?.cache_hits, 1);
    assert.equal(point?.cache_hit_rate, 1 / 3);
    assert.equal(point?.saved_usd, 0.00002);
  });

  test('the latest routing-bench report is served once the bench kept one', async () => {
    assert.deepEqual((await get('/admin/v1/bench/routing')).body, {
      object: 'bench_report',
      bench: 'routing',
      saved_at: null,
      report: null,
    });
    const report = {
      data: 'routerbench/outcomes.jsonl',
      test_split: 'test',
      test_queries: 2,
      best_single: { model: 'strong', accuracy: 0.9, cost_per_1k: 4 },
      policies: [
        { name: 'always strong', family: 'single', accuracy: 0.9, cost_per_1k: 4, escalation_rate: 0 },
        {
          name: 'oracle',
          family: 'oracle',
          accuracy: 0.95,
          cost_per_1k: 1,
          escalation_rate: 0,
          oracle: true,
        },
      ],
      elapsed_seconds: 3,
    };
    saveBenchReport(gateway.stack.config.store.home, 'routing', report);
    const { body } = await get('/admin/v1/bench/routing');
    assert.match(String(body.saved_at), /^\d{4}-/);
    const { elapsed_seconds: _, ...shown } = report;
    assert.deepEqual(body.report, {
      ...shown,
      policies: [{ ...report.policies[0], oracle: false }, report.policies[1]],
    });
  });
});
