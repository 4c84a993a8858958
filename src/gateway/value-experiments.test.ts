import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../models/testing/fake-upstream.js';
import { signBody } from '../value/signature.js';
import { sendSample } from './testing/route-samples.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/**
 * The seeded scenario: an experiment splits `assistant` between a dear model (control) and a cheap one
 * (treatment) by end user; applications post outcomes by request, correlation, session and trace id,
 * some through the signed webhook, some twice. The test computes CPSO, savings and the z-test itself.
 */
const prices = {
  big: { input: 10, output: 30 },
  small: { input: 1, output: 2 },
} as const;
const usage = { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 };
const costOf = (model: keyof typeof prices) =>
  (usage.prompt_tokens * prices[model].input + usage.completion_tokens * prices[model].output) / 1e6;
const secret = 'whsec-value-test-0123456789';
const users = 120;

/** Two-sided p-value of a pooled two-proportion z-test, the normal tail by Simpson's rule. */
function pValue(a: { s: number; n: number }, b: { s: number; n: number }): number {
  const pooled = (a.s + b.s) / (a.n + b.n);
  const z = Math.abs(b.s / b.n - a.s / a.n) / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const steps = 2000;
  const h = z / steps;
  const pdf = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let area = pdf(0) + pdf(z);
  for (let i = 1; i < steps; i++) area += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 2 * (0.5 - (area * h) / 3);
}

const close = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(
    actual != null && Math.abs(actual - expected) <= 1e-9 + Math.abs(expected) * 1e-6,
    `${what}: ${actual} ≠ ${expected}`,
  );

const teamKeys = {
  support: 'sk-strata-test-support-app-0000000000',
  sales: 'sk-strata-test-sales-app-000000000000',
};

describe('A/B experiments with outcomes, end to end', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let admin: (path: string, init?: RequestInit) => Promise<Response>;
  const arms = { control: { n: 0, s: 0 }, treatment: { n: 0, s: 0 } };

  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      const model = (JSON.parse(recorded.body) as { model: string }).model;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-value',
          object: 'chat.completion',
          created: 1_760_000_000,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
          usage,
        }),
      );
    });
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: {
        models: [
          { provider: 'openai', id: 'big-model', ...prices.big },
          { provider: 'openai', id: 'small-model', ...prices.small },
        ],
      },
      aliases: { assistant: 'openai/big-model' },
      cache: { enabled: true },
      knowledge: { ingest_project_docs: false },
      value: {
        webhook_secret: secret,
        baseline_model: 'openai/big-model',
        experiments: [
          {
            id: 'cheaper-assistant',
            target: 'assistant',
            unit: 'user',
            horizon: 30,
            variants: [
              { name: 'control', model: 'openai/big-model' },
              { name: 'treatment', model: 'openai/small-model', params: { temperature: 0 } },
            ],
          },
        ],
      },
    });
    admin = (path, init = {}) =>
      fetch(`${gateway.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  test('the report’s CPSO, savings and significance match the scenario computed here', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
    const outcomes: Array<Record<string, unknown>> = [];
    let firstServed: string | null = null;
    for (let index = 0; index < users; index++) {
      const session = `session-${index}`;
      const correlation = `order-${index}`;
      const { response } = await client.chat.completions
        .create(
          {
            model: 'assistant',
            user: `user-${index}`,
            messages: [{ role: 'user', content: `task ${index}` }],
          },
          { headers: { 'x-strata-session-id': session, 'x-strata-correlation-id': correlation } },
        )
        .withResponse();
      const served = response.headers.get('x-strata-model');
      firstServed ??= served;
      const arm =
        served === 'big-model' ? arms.control : served === 'small-model' ? arms.treatment : undefined;
      assert.ok(arm, `served by ${served}`);
      // Control succeeds on 5 of every 10 of its users, treatment on 8 of 10.
      const success = arm === arms.control ? arm.n % 10 < 5 : arm.n % 10 < 8;
      arm.n += 1;
      if (success) arm.s += 1;
      const subject = [
        { request_id: response.headers.get('x-request-id') },
        { correlation_id: correlation },
        { session_id: session },
        { trace_id: response.headers.get('x-strata-trace-id') },
      ][index % 4];
      outcomes.push({
        id: `outcome-${index}`,
        name: 'ticket_resolved',
        success,
        value_usd: success ? 2 : 0,
        ...subject,
      });
    }
    assert.ok(arms.control.n >= 30 && arms.treatment.n >= 30, 'both arms reach the horizon');

    // A unit stays on its arm: the same user asked again is served by the same model.
    const again = await client.chat.completions
      .create({ model: 'assistant', user: 'user-0', messages: [{ role: 'user', content: 'task 0, again' }] })
      .withResponse();
    assert.equal(again.response.headers.get('x-strata-model'), firstServed);

    // Three identical calls outside the experiment: one miss, two cache hits.
    const question = `cache ${randomUUID()}`;
    for (let round = 0; round < 3; round++)
      await client.chat.completions.create({
        model: 'openai/small-model',
        messages: [{ role: 'user', content: question }],
      });

    // A quarter through the signed webhook, the rest as one batch; then a few again, which change nothing.
    const viaWebhook = outcomes.filter((_, index) => index % 4 === 1);
    const viaApi = outcomes.filter((_, index) => index % 4 !== 1);
    const webhookBody = JSON.stringify({ outcomes: viaWebhook });
    const unsigned = await fetch(`${gateway.url}/v1/outcomes/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-strata-signature': signBody('wrong-secret-0000000000', webhookBody),
      },
      body: webhookBody,
    });
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    const signed = await fetch(`${gateway.url}/v1/outcomes/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strata-signature': signBody(secret, webhookBody) },
      body: webhookBody,
    });
    assert.equal(signed.status, 201);
    const posted = await fetch(`${gateway.url}/v1/outcomes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcomes: viaApi }),
    });
    assert.equal(posted.status, 201);
    const repeated = await fetch(`${gateway.url}/v1/outcomes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...outcomes[0], success: !outcomes[0]?.success }),
    });
    assert.equal(repeated.status, 200, 'a repeated outcome id is not stored again');
    assert.equal(((await repeated.json()) as { created: boolean; success: boolean }).created, false);
    await gateway.stack.flush();

    // Per variant: success rates, CPSO (every attempt of every request counted), significance.
    const read = (await (await admin('/admin/v1/experiments/cheaper-assistant')).json()) as {
      results: {
        complete: boolean;
        variants: Array<{
          variant: string;
          outcomes: number;
          successes: number;
          cpso_usd: number | null;
          success_rate_interval: { low: number; high: number } | null;
          versus_control?: { p_value: number | null; significant: boolean | null };
        }>;
      };
    };
    const [control, treatment] = read.results.variants;
    // user-0 asked twice; its second request has no outcome, so CPSO does not count its cost.
    assert.equal(control?.outcomes, arms.control.n);
    assert.equal(treatment?.outcomes, arms.treatment.n);
    assert.equal(control?.successes, arms.control.s);
    assert.equal(treatment?.successes, arms.treatment.s);
    close(control?.cpso_usd, (arms.control.n * costOf('big')) / arms.control.s, 'control CPSO');
    close(treatment?.cpso_usd, (arms.treatment.n * costOf('small')) / arms.treatment.s, 'treatment CPSO');
    const expectedP = pValue(arms.control, arms.treatment);
    assert.ok(
      Math.abs((treatment?.versus_control?.p_value ?? 1) - expectedP) < 1e-5,
      `p ${treatment?.versus_control?.p_value} vs ${expectedP}`,
    );
    assert.equal(read.results.complete, true);
    assert.equal(treatment?.versus_control?.significant, expectedP < 0.05);
    const rate = arms.treatment.s / arms.treatment.n;
    const interval = treatment?.success_rate_interval;
    assert.ok(
      interval && interval.low <= rate && rate <= interval.high,
      'the bootstrap interval holds the rate',
    );

    // Savings: two cache hits, and every billed request against the dear baseline.
    const savings = (await (await admin('/admin/v1/value/savings?period=1d')).json()) as {
      data: Array<{ kind: string; saved_usd: number; assumption: string }>;
    };
    const cache = savings.data.find((saving) => saving.kind === 'cache');
    close(cache?.saved_usd, 2 * costOf('small'), 'cache savings');
    const smallCalls =
      arms.treatment.n + 1 + (again.response.headers.get('x-strata-model') === 'small-model' ? 1 : 0);
    const routing = savings.data.find((saving) => saving.kind === 'routing');
    close(routing?.saved_usd, smallCalls * (costOf('big') - costOf('small')), 'routing savings');
    assert.match(routing?.assumption ?? '', /openai\/big-model/);

    // The whole window: CPSO over every outcome-linked request.
    const totals = (await (await admin('/admin/v1/value?period=1d')).json()) as {
      groups: Array<{
        cpso_usd: number;
        successes: number;
        value_usd: number;
        cost_usd: number;
        roi: number;
      }>;
    };
    const total = totals.groups[0];
    const successes = arms.control.s + arms.treatment.s;
    close(
      total?.cpso_usd,
      (arms.control.n * costOf('big') + arms.treatment.n * costOf('small')) / successes,
      'total CPSO',
    );
    close(total?.value_usd, 2 * successes, 'value');

    // The ROI report says the same in words and tables.
    const report = await admin('/admin/v1/value/report?period=1d');
    assert.equal(report.status, 200);
    const html = await report.text();
    assert.match(html, /<p id="summary">From .* Strata served \d+ requests/);
    assert.match(html, new RegExp(`${arms.treatment.s}/${arms.treatment.n}`));
    assert.match(html, expectedP < 0.05 ? /\(significant\)/ : /\(not significant\)/);
    assert.match(html, /Each cache hit would otherwise have been a provider call/);
  });
});

describe('experiments through the admin API', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${gateway.masterKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  before(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      const request = JSON.parse(recorded.body) as { model: string; temperature?: number };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-admin',
          object: 'chat.completion',
          created: 1_760_000_000,
          model: request.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: String(request.temperature) },
              finish_reason: 'stop',
            },
          ],
          usage,
        }),
      );
    });
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      catalog: { models: [{ provider: 'openai', id: 'small-model', ...prices.small }] },
      knowledge: { ingest_project_docs: false },
      keys: [
        { name: 'support-app', key: teamKeys.support, team: 'support' },
        { name: 'sales-app', key: teamKeys.sales, team: 'sales' },
      ],
    });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  test("a key's outcomes join its own team's calls, never another team's", async () => {
    const post = (key: string, body: unknown) =>
      sendSample(gateway.url, 'POST', { path: '/v1/outcomes', body }, key).then(
        (response) => response.status,
      );
    const support = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: teamKeys.support, maxRetries: 0 });
    await support.chat.completions.create(
      { model: 'openai/small-model', messages: [{ role: 'user', content: 'refund order 7' }] },
      { headers: { 'x-strata-correlation-id': 'order-7' } },
    );
    await gateway.stack.flush();
    const resolved = (id: string, value: number) => ({
      id,
      name: 'refund_done',
      success: true,
      value_usd: value,
      correlation_id: 'order-7',
    });
    assert.equal(await post(teamKeys.sales, resolved('from-sales', 1000)), 201);
    assert.equal(await post(teamKeys.support, resolved('from-support', 5)), 201);
    const byTeam = (await (await admin('GET', '/admin/v1/value?period=1d&group_by=team')).json()) as {
      groups: Array<{ group: string; outcomes: number; value_usd: number }>;
    };
    const ofSupport = byTeam.groups.find((group) => group.group === 'support');
    assert.deepEqual(
      [ofSupport?.outcomes, ofSupport?.value_usd],
      [1, 5],
      "only support's own outcome joined its call",
    );
  });

  test('an outcome id another team used is refused with 409, never shown', async () => {
    const send = (key: string, body: unknown) =>
      sendSample(gateway.url, 'POST', { path: '/v1/outcomes', body }, key);
    const outcome = {
      id: 'support-only',
      name: 'refund_done',
      success: true,
      value_usd: 42,
      correlation_id: 'order-9',
    };
    assert.equal((await send(teamKeys.support, outcome)).status, 201);
    assert.equal((await send(teamKeys.support, outcome)).status, 200, 'its own team may repeat it');
    const taken = await send(teamKeys.sales, { ...outcome, value_usd: 1 });
    const text = await taken.text();
    assert.equal(taken.status, 409);
    const error = (JSON.parse(text) as { error: { code: string; param: string } }).error;
    assert.deepEqual([error.code, error.param], ['conflict', 'id']);
    assert.ok(
      !text.includes('42') && !text.includes('order-9'),
      `nothing of the stored outcome shows: ${text}`,
    );
    const batch = await send(teamKeys.sales, { outcomes: [{ ...outcome, id: 'sales-own' }, outcome] });
    assert.equal(batch.status, 409);
    assert.equal(((await batch.json()) as { error: { param: string } }).error.param, 'outcomes[1].id');
    const own = await send(teamKeys.sales, { ...outcome, id: 'sales-own' });
    assert.equal(own.status, 201, 'a refused batch stores none of its outcomes');
    assert.equal((await send(gateway.masterKey, outcome)).status, 200, 'the master key sees every outcome');
  });

  /** The stage spans of one traced call: `strata.experiment` is there only while an experiment runs. */
  async function stagesOfACall(): Promise<string[]> {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/other-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.arrayBuffer();
    await gateway.stack.flush();
    const detail = (await (
      await admin('GET', `/admin/v1/requests/${response.headers.get('x-request-id')}`)
    ).json()) as {
      spans: Array<{ name: string }>;
    };
    return detail.spans.map((span) => span.name).filter((name) => name.startsWith('strata.'));
  }

  test('no experiment, no stage; one started through the API splits by session with a holdout, and stops', async () => {
    const idle = await stagesOfACall();
    assert.ok(idle.length > 0 && !idle.includes('strata.experiment'), `nothing composed while idle: ${idle}`);
    const created = await admin('POST', '/admin/v1/experiments', {
      id: 'temperature',
      target: 'openai/small-model',
      unit: 'session',
      holdout: 0.25,
      horizon: 100,
      variants: [
        { name: 'warm', params: { temperature: 1 } },
        { name: 'cold', params: { temperature: 0 } },
      ],
    });
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { status: string }).status, 'stopped');
    assert.equal((await admin('POST', '/admin/v1/experiments', { id: 'temperature' })).status, 400);
    assert.ok(!(await stagesOfACall()).includes('strata.experiment'), 'a created experiment waits for start');
    const started = await admin('POST', '/admin/v1/experiments/temperature/start');
    assert.equal(((await started.json()) as { status: string }).status, 'running');
    assert.ok((await stagesOfACall()).includes('strata.experiment'));

    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
    const answers = new Map<string, string>();
    for (let index = 0; index < 40; index++) {
      const session = `s-${index}`;
      for (let round = 0; round < 2; round++) {
        const answer = await client.chat.completions.create(
          { model: 'openai/small-model', messages: [{ role: 'user', content: 'hi' }] },
          { headers: { 'x-strata-session-id': session } },
        );
        const said = answer.choices[0]?.message.content ?? '';
        if (round === 1) assert.equal(said, answers.get(session), `session ${session} stays on its arm`);
        answers.set(session, said);
      }
    }
    const arms = new Set(answers.values());
    assert.deepEqual([...arms].sort(), ['0', '1', 'undefined'], 'warm, cold and the untouched holdout');
    await gateway.stack.flush();
    const read = (await (await admin('GET', '/admin/v1/experiments/temperature')).json()) as {
      results: {
        complete: boolean;
        conclusion: string;
        variants: Array<{ variant: string; requests: number }>;
      };
    };
    const requests = Object.fromEntries(
      read.results.variants.map((variant) => [variant.variant, variant.requests]),
    );
    const expected = (said: string) => 2 * [...answers.values()].filter((value) => value === said).length;
    assert.deepEqual(requests, { warm: expected('1'), cold: expected('0'), holdout: expected('undefined') });
    assert.equal(read.results.complete, false);
    assert.match(read.results.conclusion, /^Collecting: .* not acted on/);

    const size = (await (
      await admin('GET', '/admin/v1/experiments/sample-size?baseline=0.5&effect=0.1')
    ).json()) as {
      per_variant: number;
    };
    assert.equal(size.per_variant, 388);

    await admin('POST', '/admin/v1/experiments/temperature/stop');
    assert.ok(
      !(await stagesOfACall()).includes('strata.experiment'),
      'a stopped experiment leaves the pipeline',
    );
    const after = await client.chat.completions.create(
      { model: 'openai/small-model', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-strata-session-id': 's-0' } },
    );
    assert.equal(after.choices[0]?.message.content, 'undefined');
  });

  test('outcomes: exactly one subject, the one error shape, and the webhook off without a secret', async () => {
    const post = (body: unknown) =>
      fetch(`${gateway.url}/v1/outcomes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const two = await post({ name: 'x', success: true, request_id: 'a', session_id: 'b' });
    assert.equal(two.status, 400);
    const error = ((await two.json()) as { error: { code: string; param: string } }).error;
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.param, 'request_id');
    assert.equal((await post({ name: 'x', success: 'yes', request_id: 'a' })).status, 400);
    assert.equal((await post({ outcomes: [] })).status, 400);
    const anonymous = await fetch(`${gateway.url}/v1/outcomes`, { method: 'POST', body: '{}' });
    assert.equal(anonymous.status, 401);
    const webhook = await fetch(`${gateway.url}/v1/outcomes/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-strata-signature': signBody('anything-at-all-0000', '{}'),
      },
      body: '{}',
    });
    assert.equal(webhook.status, 403);
    assert.equal(((await webhook.json()) as { error: { code: string } }).error.code, 'permission_denied');
  });
});
