import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertsConfigSchema } from './alerts.js';

test('alert config names its mistakes: a duplicate rule name and an unknown webhook', () => {
  const parsed = alertsConfigSchema.safeParse({
    webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/hook' }],
    rules: [
      { name: 'spend', type: 'spend', threshold_usd: 1 },
      { name: 'spend', type: 'error_rate', threshold: 0.1, webhooks: ['pager'] },
    ],
  });
  assert.equal(parsed.success, false);
  const messages = parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  assert.deepEqual(messages, [
    'rules.1.name: two rules are named `spend`',
    'rules.1.webhooks: no webhook is named `pager`; add it to observability.alerts.webhooks',
  ]);
});

test('alert config defaults: every minute, one hour of cooldown, JSON webhooks', () => {
  const parsed = alertsConfigSchema.parse({
    webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/hook' }],
    rules: [{ name: 'slow', type: 'p95_latency', threshold_ms: 5000 }],
  });
  assert.equal(parsed.interval_seconds, 60);
  assert.equal(parsed.cooldown_minutes, 60);
  assert.equal(parsed.webhooks[0]?.format, 'json');
  assert.deepEqual(parsed.rules[0], {
    name: 'slow',
    type: 'p95_latency',
    severity: 'warning',
    threshold_ms: 5000,
    window_minutes: 15,
    min_requests: 20,
  });
});
