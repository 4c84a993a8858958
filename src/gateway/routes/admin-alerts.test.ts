import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWebhookReceiver, type WebhookReceiver } from '../../observability/testing/webhook-receiver.js';
import { type CueUpstream, startCueUpstream } from '../../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

interface AlertList {
  object: string;
  data: Array<{
    object: string;
    rule: string;
    type: string;
    status: string;
    value: number;
    notified: boolean;
  }>;
}

describe('alerts from config: a rule over the request log, a webhook and GET /admin/v1/alerts', () => {
  let upstream: CueUpstream;
  let receiver: WebhookReceiver;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startCueUpstream();
    receiver = await startWebhookReceiver();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      // The receiver listens on loopback, which the outbound guard refuses unless allowed.
      outbound: { allow: ['127.0.0.1'] },
      observability: {
        alerts: {
          webhooks: [{ name: 'chat', url: `${receiver.url}/hook`, format: 'slack' }],
          rules: [
            { name: 'failing', type: 'error_rate', threshold: 0.3, min_requests: 2, window_minutes: 5 },
          ],
        },
      },
    });
  });
  after(async () => {
    await gateway.close();
    await receiver.close();
    await upstream.close();
  });

  const chat = (model: string) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    });
  const history = async () => {
    const response = await fetch(`${gateway.url}/admin/v1/alerts?status=firing`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as AlertList;
  };

  test('5xx calls fire the rule once, to Slack, and the history lists it', async () => {
    upstream.cue('broken', { status: 500, message: 'down' }, { status: 500, message: 'down' });
    const answers = [await chat('local/good'), await chat('local/broken'), await chat('local/broken')];
    assert.deepEqual(
      answers.map((answer) => answer.status >= 500),
      [false, true, true],
    );
    await gateway.stack.flush();
    await gateway.stack.alerts.evaluate();
    await gateway.stack.alerts.evaluate();
    const sent = receiver.bodiesAt('/hook') as Array<{ text: string }>;
    assert.equal(sent.length, 1, 'sent once though evaluated twice');
    assert.match(
      sent[0]?.text ?? '',
      /^:rotating_light: \*FIRING\* \[warning\] failing: 66\.7% of 3 calls failed/,
    );
    const listed = await history();
    assert.equal(listed.object, 'list');
    assert.deepEqual(
      listed.data.map((alert) => [alert.object, alert.rule, alert.type, alert.status, alert.notified]),
      [['alert', 'failing', 'error_rate', 'firing', true]],
    );
  });

  test('the history needs the master key and validates its query', async () => {
    assert.equal((await fetch(`${gateway.url}/admin/v1/alerts`)).status, 401);
    const bad = await fetch(`${gateway.url}/admin/v1/alerts?status=open`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'status');
  });
});
