import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEnvironment } from '../../config/env.js';
import { parseConfig } from '../../config/load.js';
import { newId } from '../../core/ids.js';
import { startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { createStack } from '../../pipeline/stack.js';
import { onlinePassScore, sampleUnit, startOnlineEvaluator } from './online-evaluator.js';

test('sampling by request id is stable and close to the configured share', () => {
  const ids = Array.from({ length: 4000 }, (_, index) => `req_${index.toString(16).padStart(8, '0')}`);
  const share = ids.filter((id) => sampleUnit(id) < 0.25).length / ids.length;
  assert.ok(Math.abs(share - 0.25) < 0.03, String(share));
  assert.equal(sampleUnit('req_abc'), sampleUnit('req_abc'));
});

test('online evaluation scores live calls off the request path, on the request, the trace and an alert', async (t) => {
  let answered = 0;
  const upstream = await startFakeUpstream((_request, response) => {
    answered += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-live',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answered % 2 === 1 ? 'Bonjour, Ada!' : 'Go away.' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      }),
    );
  });
  const home = await mkdtemp(join(tmpdir(), 'strata-online-'));
  const environment = readEnvironment({ STRATA_HOME: home });
  const parsed = parseConfig(
    {
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      observability: { capture_content: true },
      evaluation: {
        online: {
          enabled: true,
          sample_rate: 1,
          assertions: [{ type: 'icontains', value: 'bonjour', metric: 'greets' }, { type: 'not-is-refusal' }],
          alert: { min_pass_rate: 0.8, min_samples: 4 },
        },
      },
    },
    environment,
  );
  assert.ok(parsed.ok);
  const stack = await createStack(parsed.value, environment);
  let clock = Date.now() - 60_000;
  const evaluator = startOnlineEvaluator(stack, { schedule: false, now: () => clock });
  t.after(async () => {
    await evaluator.stop();
    await stack.close();
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });

  const ids: string[] = [];
  for (let call = 0; call < 4; call++) {
    const requestId = newId('req');
    ids.push(requestId);
    const outcome = await stack.chat({
      requestId,
      endpoint: '/v1/chat/completions',
      request: { model: 'fake/m', messages: [{ role: 'user', content: `Greet Ada, please (${call})` }] },
      principal: { kind: 'master', keyId: null, keyName: null, team: null },
      signal: new AbortController().signal,
      startedAt: performance.now(),
    });
    assert.equal(outcome.kind, 'response');
  }
  await stack.flush();
  clock = Date.now() + 60_000;
  const run = await evaluator.runOnce();
  assert.deepEqual(run, { scored: 4, skipped: 0 });

  const scores = await stack.evaluation.scores.ofRequests(ids);
  const first = scores.get(ids[0] ?? '') ?? [];
  assert.deepEqual(
    first.map((score) => [score.name, score.value, score.source]),
    [
      ['online:greets', 1, 'online'],
      ['online:not-is-refusal', 1, 'online'],
      [onlinePassScore, 1, 'online'],
    ],
  );
  assert.equal(scores.get(ids[1] ?? '')?.find((score) => score.name === onlinePassScore)?.value, 0);
  const trace = await stack.traces.byRequest(ids[1] ?? '');
  const events = (
    trace?.spans[0] as { events?: Array<{ name: string; attributes: Record<string, unknown> }> } | undefined
  )?.events;
  assert.deepEqual(
    events?.map((event) => [
      event.name,
      event.attributes['gen_ai.evaluation.name'],
      event.attributes['gen_ai.evaluation.score.label'],
    ]),
    [
      ['gen_ai.evaluation.result', 'greets', 'fail'],
      ['gen_ai.evaluation.result', 'not-is-refusal', 'pass'],
    ],
  );

  await stack.alerts.flush();
  const alerts = await stack.alerts.list({ limit: 10 });
  const drop = alerts.find((alert) => alert.rule === 'evaluation_pass_rate_dropped');
  assert.ok(drop, JSON.stringify(alerts));
  assert.equal(drop.value, 0.5);
  assert.equal(drop.threshold, 0.8);
  assert.deepEqual(await evaluator.runOnce(), { scored: 0, skipped: 0 }, 'a call is scored once');
});
