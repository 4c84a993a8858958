import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { alertsConfigSchema } from '../../config/alerts.js';
import { createOutboundGuard, type OutboundGuard } from '../../core/outbound-guard.js';
import { createAlertsRepository } from '../../store/alerts-repository.js';
import type { RequestTotals } from '../../store/request-queries.js';
import { eachDialect } from '../../store/testing/each-dialect.js';
import type { BudgetUse } from '../metrics.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.js';
import { type Alerting, createAlerting } from './alerting.js';
import type { AlertSources } from './rule-readings.js';

/** Sources whose numbers the test sets: what the store would answer. */
class SetSources implements AlertSources {
  costUsd = 0;
  uses: BudgetUse[] = [];
  async totals(): Promise<RequestTotals> {
    return { requests: 100, serverErrors: 0, costUsd: this.costUsd, p95LatencyMs: 100 };
  }
  async budgets(): Promise<BudgetUse[]> {
    return this.uses;
  }
}

interface JsonHook {
  status: string;
  alert: { rule: string; subject: string; message: string; value: number; threshold: number };
}

const start = Date.parse('2026-03-02T09:00:00.000Z');
const minutes = (count: number) => start + count * 60_000;

eachDialect('alerting', (context) => {
  let receiver: WebhookReceiver;
  let outbound: OutboundGuard;
  let sources: SetSources;
  let alerting: Alerting;
  let errors: unknown[];

  before(async () => {
    receiver = await startWebhookReceiver();
    outbound = createOutboundGuard({ allow: ['127.0.0.1'] });
  });
  after(async () => {
    await receiver.close();
    await outbound.close();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    errors = [];
    sources = new SetSources();
    const store = await context.open();
    await store.db.deleteFrom('alerts').execute();
    const config = alertsConfigSchema.parse({
      cooldown_minutes: 60,
      webhooks: [
        { name: 'hooks', url: `${receiver.url}/json` },
        { name: 'chat', url: `${receiver.url}/slack`, format: 'slack' },
      ],
      rules: [
        { name: 'team-spend', type: 'spend', team: 'search', threshold_usd: 10, severity: 'critical' },
        { name: 'budgets', type: 'budget_utilisation', threshold: 0.8, webhooks: ['chat'] },
      ],
    });
    alerting = createAlerting({
      config,
      repository: createAlertsRepository(store.db),
      sources,
      // The receiver listens on loopback, which the outbound guard refuses unless allowed.
      dispatcher: outbound.dispatcher,
      onError: (error) => errors.push(error),
    });
  });

  it('sends a firing alert once while it fires, then a resolved one, to JSON and Slack webhooks', async () => {
    sources.costUsd = 5;
    await alerting.evaluate(minutes(0));
    assert.equal(receiver.received.length, 0, 'under the threshold nothing is sent');

    sources.costUsd = 12.5;
    await alerting.evaluate(minutes(1));
    const [fired] = receiver.bodiesAt('/json') as JsonHook[];
    assert.equal(fired?.status, 'firing');
    assert.equal(fired?.alert.rule, 'team-spend');
    assert.equal(fired?.alert.value, 12.5);
    assert.equal(fired?.alert.threshold, 10);
    assert.match(fired?.alert.message ?? '', /team search .* 12\.50 USD, above the 10\.00 USD threshold/);
    assert.deepEqual(receiver.bodiesAt('/slack'), [
      {
        text: `:rotating_light: *FIRING* [critical] team-spend: ${fired?.alert.message}`,
      },
    ]);

    await alerting.evaluate(minutes(2));
    await alerting.evaluate(minutes(3));
    assert.equal(receiver.received.length, 2, 'still firing: not sent again');
    assert.equal((await alerting.list({ limit: 10 })).length, 1, 'one occurrence in the history');

    sources.costUsd = 2;
    await alerting.evaluate(minutes(4));
    const bodies = receiver.bodiesAt('/json') as JsonHook[];
    assert.deepEqual(
      bodies.map((body) => body.status),
      ['firing', 'resolved'],
    );
    const slack = receiver.bodiesAt('/slack') as Array<{ text: string }>;
    assert.match(slack[1]?.text ?? '', /^:white_check_mark: \*RESOLVED\* \[critical\] team-spend: /);
    const [stored] = await alerting.list({ limit: 10 });
    assert.equal(stored?.status, 'resolved');
    assert.equal(stored?.resolvedAt, new Date(minutes(4)).toISOString());
    assert.equal(stored?.notified, true);
    assert.deepEqual(errors, []);
  });

  it('records but does not send an alert that fires again within the cooldown', async () => {
    sources.costUsd = 12;
    await alerting.evaluate(minutes(0));
    sources.costUsd = 1;
    await alerting.evaluate(minutes(5));
    assert.equal(receiver.bodiesAt('/json').length, 2, 'fired and resolved');

    sources.costUsd = 12;
    await alerting.evaluate(minutes(10));
    sources.costUsd = 1;
    await alerting.evaluate(minutes(15));
    assert.equal(
      receiver.bodiesAt('/json').length,
      2,
      'within the cooldown: neither firing nor resolved sent',
    );
    const history = await alerting.list({ limit: 10 });
    assert.deepEqual(
      history.map((alert) => [alert.status, alert.notified]),
      [
        ['resolved', false],
        ['resolved', true],
      ],
    );

    sources.costUsd = 12;
    await alerting.evaluate(minutes(61));
    assert.deepEqual(
      (receiver.bodiesAt('/json') as JsonHook[]).map((body) => body.status),
      ['firing', 'resolved', 'firing'],
      'after the cooldown it is sent again',
    );
  });

  it('fires per budget, only to the webhooks the rule names', async () => {
    sources.uses = [
      { id: 'bud_a', scope: 'team', limitUsd: 100, usedUsd: 85 },
      { id: 'bud_b', scope: 'key', limitUsd: 100, usedUsd: 10 },
    ];
    await alerting.evaluate(minutes(0));
    assert.equal(receiver.bodiesAt('/json').length, 0, 'the rule names only the chat webhook');
    const slack = receiver.bodiesAt('/slack') as Array<{ text: string }>;
    assert.equal(slack.length, 1);
    assert.match(slack[0]?.text ?? '', /budgets · bud_a: Budget bud_a \(team\) is 85\.0% used/);

    sources.uses = [{ id: 'bud_b', scope: 'key', limitUsd: 100, usedUsd: 95 }];
    await alerting.evaluate(minutes(1));
    const firing = await alerting.list({ limit: 10, status: 'firing' });
    assert.deepEqual(
      firing.map((alert) => alert.subject),
      ['bud_b'],
      'bud_a is gone (deleted or a new window): resolved; bud_b fires',
    );
    assert.equal((await alerting.list({ limit: 10, status: 'resolved' }))[0]?.subject, 'bud_a');
  });

  it('sends a raised event once per cooldown, and keeps it in the history', async () => {
    const event = {
      kind: 'budget_soft_crossed',
      subject: 'bud_soft',
      severity: 'warning' as const,
      message: 'Soft budget bud_soft passed its limit.',
      value: 101,
      threshold: 100,
    };
    alerting.raise(event);
    alerting.raise(event);
    alerting.raise({ ...event, subject: 'bud_other' });
    await alerting.flush();
    const bodies = receiver.bodiesAt('/json') as JsonHook[];
    assert.deepEqual(
      bodies.map((body) => [body.status, body.alert.rule, body.alert.subject]),
      [
        ['raised', 'budget_soft_crossed', 'bud_soft'],
        ['raised', 'budget_soft_crossed', 'bud_other'],
      ],
    );
    assert.equal(
      (await alerting.list({ limit: 10, status: 'raised', rule: 'budget_soft_crossed' })).length,
      2,
    );
  });

  it('without an allow list, a loopback webhook is refused by the outbound guard and reported', async () => {
    const store = await context.open();
    const guarded = createAlerting({
      config: alertsConfigSchema.parse({
        webhooks: [{ name: 'local', url: `${receiver.url}/json` }],
        rules: [{ name: 'spend', type: 'spend', threshold_usd: 10 }],
      }),
      repository: createAlertsRepository(store.db),
      sources,
      onError: (error) => errors.push(error),
    });
    sources.costUsd = 50;
    await guarded.evaluate(minutes(0));
    assert.equal(receiver.received.length, 0);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /webhook local: refused to connect to 127\.0\.0\.1: a loopback address/);
  });

  it('a webhook that fails is reported and does not stop the others', async () => {
    receiver.failAt('/json', 500);
    sources.costUsd = 50;
    await alerting.evaluate(minutes(0));
    assert.equal(receiver.bodiesAt('/slack').length, 1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /hooks answered 500/);
  });

  it('pages the history newest first with `before`', async () => {
    sources.costUsd = 12;
    await alerting.evaluate(minutes(0));
    sources.costUsd = 0;
    await alerting.evaluate(minutes(1));
    sources.costUsd = 12;
    await alerting.evaluate(minutes(90));
    const [newest, ...rest] = await alerting.list({ limit: 1 });
    assert.equal(rest.length, 0);
    assert.equal(newest?.createdAt, new Date(minutes(90)).toISOString());
    const older = await alerting.list({ limit: 10, before: newest?.createdAt });
    assert.deepEqual(
      older.map((alert) => alert.createdAt),
      [new Date(minutes(0)).toISOString()],
    );
  });
});
